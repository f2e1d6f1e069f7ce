import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// LanceDB reads its environment when it loads: lanceEnv sets it (quiet logs, bounded memory) first.
import '../../../src/core/store/lanceEnv.js';
import * as lancedb from '@lancedb/lancedb';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { searchFields } from '../../../src/core/chunk/chunkRows.js';
import { SCHEMA_VERSION, type ChunkRow, type FileRow } from '../../../src/core/store/schema.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { hashText } from '../../../src/core/textHash.js';
import { chunkVersionCount, replaceFile } from '../helpers/storeTables.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-store-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

function fileRow(p: string, hash = 'h', extra: Partial<FileRow> = {}): FileRow {
  return { path: p, size: 10, mtime_ms: 1, content_hash: hash, language: 'typescript', indexed_at: Date.now(), status: 'indexed', skip_reason: '', skip_detail: '', chunk_count: 1, ...extra };
}

function chunk(p: string, text: string, start = 1, symbol = ''): ChunkRow {
  const content_hash = hashText(text);
  const end = start + text.split('\n').length - 1;
  return {
    id: hashText(`${p}:${start}:${end}:${content_hash}`), path: p, start_line: start, end_line: end, language: 'typescript', kind: 'function',
    symbol, parents: '', content_hash, text, ...searchFields({ path: p, parents: [], symbol, text }),
  };
}

async function tableNames(dir: string): Promise<string[]> {
  const db = await lancedb.connect(dir);
  try {
    return (await db.tableNames()).sort();
  } finally {
    db.close();
  }
}

test('keyword search finds a camelCase identifier from plain words, before any vector exists', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'test', dimension: 4 });
  t.after(() => store.close());
  await store.replaceFiles([
    { file: fileRow('src/config.ts'), chunks: [chunk('src/config.ts', 'export function parseConfigFile(path: string) {\n  return read(path);\n}', 1, 'parseConfigFile')] },
    { file: fileRow('src/other.ts'), chunks: [chunk('src/other.ts', 'export const colour = "blue";')] },
  ]);
  // Before optimize the rows are not in the FTS index yet (none exists): build it, then search.
  await store.optimize();
  const hits = await store.searchKeyword('how do we parse the config file?', { limit: 5 });
  assert.equal(hits[0].path, 'src/config.ts');
  assert.equal(hits[0].symbol, 'parseConfigFile');
  assert.equal(hits[0].start_line, 1);
  assert.equal(hits[0].end_line, 3);
  assert.ok(hits[0].score > 0);
  assert.equal(hits.length, 1, 'the unrelated chunk shares no token');
  // Rows written after the index exists are found too (scanned until the next optimize).
  await replaceFile(store, fileRow('src/late.ts'), [chunk('src/late.ts', 'function loadUserSettings() {}', 1, 'loadUserSettings')]);
  assert.equal((await store.searchKeyword('user settings', { limit: 5 }))[0]?.path, 'src/late.ts');
  assert.equal((await store.searchKeyword('parse', { limit: 5, where: "path = 'src/other.ts'" })).length, 0, 'where filters keyword hits');
  assert.deepEqual(await store.searchVector(new Float32Array([1, 0, 0, 0]), { limit: 5 }), [], 'no vectors yet');
  assert.equal(await store.countChunksMissingVectors(), 3);
});

test('FTS metacharacters, quotes, very long and empty queries never throw', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'none', dimension: 0 });
  t.after(() => store.close());
  await replaceFile(store, fileRow('a.ts'), [chunk('a.ts', 'const pattern = "(.*)+"; // AND OR NOT title:x')]);
  await store.optimize();
  const long = 'parse '.repeat(5_000) + '"'.repeat(100);
  for (const q of ['(.*)+[a-z]{2,}', '"unterminated', "it's", '   ', 'AND OR NOT', 'title:x^2 ~fuzzy* +must -not', '\\', long, '\u0000\uffff']) {
    assert.ok(Array.isArray(await store.searchKeyword(q, { limit: 3 })), q.slice(0, 30));
  }
  assert.equal((await store.searchKeyword('"pattern"', { limit: 3 }))[0]?.path, 'a.ts', 'quotes are dropped, the word still matches');
});

test('paths with quotes, spaces, unicode and SQL characters are stored, replaced and deleted', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'none', dimension: 0 });
  t.after(() => store.close());
  const odd = ["it's odd/ä ö.ts", 'dir with space/x%_y.ts', 'back\\slash/"dq".ts', "o'';drop table chunks;--.ts", '日本/ファイル.ts'];
  await store.replaceFiles(odd.map((p, i) => ({ file: fileRow(p), chunks: [chunk(p, `const value${i} = ${i};`)] })));
  await store.optimize();
  assert.equal((await store.stats()).chunks, odd.length);
  for (const [i, p] of odd.entries()) {
    assert.deepEqual((await store.chunksOfFile(p)).map((c) => c.text), [`const value${i} = ${i};`], p);
    await replaceFile(store, fileRow(p, 'h2'), [chunk(p, `const changed${i} = 1;`)]);
    assert.deepEqual((await store.chunksOfFile(p)).map((c) => c.text), [`const changed${i} = 1;`], `${p} replaced`);
  }
  assert.equal((await store.stats()).chunks, odd.length, 'every replace removed exactly its own file’s old rows');
  await store.deleteFiles(odd.slice(0, 3));
  assert.deepEqual((await store.listFiles()).map(([p]) => p).sort(), odd.slice(3).sort());
  assert.equal((await store.stats()).chunks, 2);
});

test('replaceFile swaps one file’s chunks in a single commit and leaves other files alone', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'test', dimension: 2 });
  t.after(() => store.close());
  const a = chunk('a.ts', 'function keep() {}', 1);
  const b = chunk('a.ts', 'function drop() {}', 3);
  const other = chunk('b.ts', 'function neighbour() {}', 1);
  await store.replaceFiles([{ file: fileRow('a.ts'), chunks: [a, b] }, { file: fileRow('b.ts'), chunks: [other] }]);
  await store.setVectors([{ id: a.id, vector: new Float32Array([1, 0]) }]);
  const versions = await chunkVersionCount(store);
  const c = chunk('a.ts', 'function added() {}', 5);
  await replaceFile(store, fileRow('a.ts', 'h2'), [a, c]);
  assert.equal(await chunkVersionCount(store), versions + 1, 'one commit for the chunks of the file');
  const rows = await store.chunksOfFile('a.ts');
  assert.deepEqual(rows.map((r) => r.text), ['function keep() {}', 'function added() {}']);
  assert.deepEqual(rows.map((r) => r.file_hash), ['h2', 'h2'], 'kept rows carry the new file hash');
  assert.deepEqual((await store.chunksOfFile('b.ts')).map((r) => r.id), [other.id]);
  assert.equal((await store.searchVector(new Float32Array([1, 0]), { limit: 5 }))[0]?.id, a.id, 'the kept chunk kept its vector');
  const files = new Map(await store.listFiles());
  assert.equal(files.get('a.ts')?.contentHash, 'h2');
  // An empty chunk list empties the file but keeps its record (e.g. a file that became blank).
  await replaceFile(store, fileRow('a.ts', 'h3', { chunk_count: 0 }), []);
  assert.deepEqual(await store.chunksOfFile('a.ts'), []);
  assert.equal(new Map(await store.listFiles()).get('a.ts')?.chunkCount, 0);
});

test('vectors: nulls are skipped, cosine scores, content-hash reuse, wrong dimension refused', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'test', dimension: 2 });
  t.after(() => store.close());
  const x = chunk('x.ts', 'function x() {}');
  const y = chunk('y.ts', 'function y() {}');
  const copy = chunk('copy.ts', 'function x() {}'); // same content as x, other place
  const bare = chunk('bare.ts', 'function bare() {}');
  await store.replaceFiles([x, y, copy, bare].map((c) => ({ file: fileRow(c.path), chunks: [c] })));
  await store.setVectors([{ id: x.id, vector: new Float32Array([1, 0]) }, { id: y.id, vector: new Float32Array([0, 1]) }]);
  const near = await store.searchVector(new Float32Array([2, 0.1]), { limit: 10 });
  assert.deepEqual(near.map((h) => h.path), ['x.ts', 'y.ts'], 'rows without vectors never appear');
  assert.ok(Math.abs(near[0].score - 2 / Math.hypot(2, 0.1)) < 1e-5, 'score is cosine similarity');
  assert.deepEqual((await store.searchVector(new Float32Array([1, 0]), { limit: 5, where: "path = 'y.ts'" })).map((h) => h.path), ['y.ts']);
  const reuse = await store.vectorsByContentHash([copy.content_hash, bare.content_hash]);
  assert.deepEqual([...reuse.keys()], [copy.content_hash], 'identical content finds the stored vector');
  assert.deepEqual([...reuse.get(copy.content_hash)!], [1, 0]);
  assert.deepEqual((await store.chunksMissingVectors(10)).map((r) => r.path).sort(), ['bare.ts', 'copy.ts']);
  await assert.rejects(store.setVectors([{ id: bare.id, vector: new Float32Array([1, 0, 0]) }]), (e: unknown) => e instanceof AskCodebaseError && e.code === 'index-bad-vector');
});

test('a different model, dimension or chunking rebuilds with a reason; new tables before old are dropped', async (t) => {
  const dir = await tempDir(t);
  const s1 = await IndexStore.open(dir, { embedderId: 'model-a', dimension: 2, chunking: 'c1' });
  await replaceFile(s1, fileRow('a.ts'), [chunk('a.ts', 'x')]);
  await s1.close();
  const s2 = await IndexStore.open(dir, { embedderId: 'model-a', dimension: 2, chunking: 'c1' });
  assert.equal(s2.rebuildReason, undefined);
  assert.equal((await s2.stats()).chunks, 1);
  await s2.close();
  const s3 = await IndexStore.open(dir, { embedderId: 'model-b', dimension: 3, chunking: 'c1' });
  assert.match(s3.rebuildReason ?? '', /embedding model changed \(model-a → model-b\)/);
  assert.ok(s3.uncommitted);
  const reader = await IndexStore.openExisting(dir);
  assert.equal(reader.identity.embedderId, 'model-a', 'readers keep the old index until the rebuild is committed');
  await reader.close();
  await s3.commit();
  const stats = await s3.stats();
  assert.deepEqual([stats.chunks, stats.files, stats.embedderId, stats.dimension], [0, 0, 'model-b', 3]);
  await s3.close();
  assert.deepEqual(await tableNames(dir), ['chunks_g2', 'files_g2', 'meta_g2'], 'only the new generation is left');
  const s4 = await IndexStore.open(dir, { embedderId: 'model-b', dimension: 3, chunking: 'c2' });
  assert.match(s4.rebuildReason ?? '', /chunking settings changed/);
  await s4.close();
});

test('an interrupted rebuild (new tables, no meta yet) leaves the old index current', async (t) => {
  const dir = await tempDir(t);
  const s1 = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  await replaceFile(s1, fileRow('a.ts'), [chunk('a.ts', 'function kept() {}')]);
  await s1.close();
  const db = await lancedb.connect(dir);
  await db.createTable('chunks_g7', [{ id: 'partial' }]);
  db.close();
  const reader = await IndexStore.openExisting(dir);
  assert.equal((await reader.stats()).chunks, 1, 'the reader sees the complete generation');
  await reader.close();
  assert.ok((await tableNames(dir)).includes('chunks_g7'), 'a reader changes nothing');
  const writer = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  assert.equal(writer.rebuildReason, undefined);
  assert.equal((await writer.stats()).chunks, 1);
  await writer.close();
  assert.deepEqual(await tableNames(dir), ['chunks_g1', 'files_g1', 'meta_g1'], 'the writer drops the leftover');
});

test('an index in the old unsuffixed layout (schema 1) is rebuilt with a reason', async (t) => {
  const dir = await tempDir(t);
  const db = await lancedb.connect(dir);
  await db.createTable('meta', [{ key: 'schemaVersion', value: '1' }, { key: 'embedderId', value: 'none' }, { key: 'dimension', value: '0' }]);
  await db.createTable('chunks', [{ id: 'old' }]);
  db.close();
  await assert.rejects(IndexStore.openExisting(dir), /another version/);
  const store = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  assert.match(store.rebuildReason ?? '', new RegExp(`index format changed \\(version 1 → ${SCHEMA_VERSION}\\)`));
  await store.commit(); // what a completed run does
  await store.close();
  assert.deepEqual(await tableNames(dir), ['chunks_g1', 'files_g1', 'meta_g1']);
});

test('a corrupt index: readers get a clear error, a writer rebuilds and says why', async (t) => {
  const dir = await tempDir(t);
  const s1 = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  await replaceFile(s1, fileRow('a.ts'), [chunk('a.ts', 'x')]);
  await s1.close();
  const versions = path.join(dir, 'meta_g1.lance', '_versions');
  for (const name of await fs.readdir(versions)) await fs.writeFile(path.join(versions, name), 'garbage, not a manifest');
  await assert.rejects(IndexStore.openExisting(dir), (e: unknown) => e instanceof AskCodebaseError && e.code === 'no-index' && /could not be read/.test(e.message));
  const store = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  assert.match(store.rebuildReason ?? '', /could not be read/);
  await replaceFile(store, fileRow('b.ts'), [chunk('b.ts', 'y')]);
  assert.equal((await store.stats()).chunks, 1);
  await store.close();
  assert.deepEqual(await tableNames(dir), ['chunks_g2', 'files_g2', 'meta_g2']);
});

test('stats count files, skips by reason, languages, vectors and disk', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'test', dimension: 2 });
  t.after(() => store.close());
  const a = chunk('a.ts', 'function a() {}');
  await store.replaceFiles([
    { file: fileRow('a.ts'), chunks: [a, chunk('a.ts', 'function b() {}', 3)] },
    { file: fileRow('p.py', 'h', { language: 'python' }), chunks: [chunk('p.py', 'def p(): pass')] },
  ]);
  await store.upsertFileRows([
    fileRow('big.bin', '', { status: 'skipped', skip_reason: 'binary', language: '' }),
    fileRow('huge.json', '', { status: 'skipped', skip_reason: 'too-large', language: '' }),
    fileRow('other.bin', '', { status: 'skipped', skip_reason: 'binary', language: '' }),
  ]);
  await store.setVectors([{ id: a.id, vector: new Float32Array([1, 1]) }]);
  const s = await store.stats();
  assert.deepEqual(
    { files: s.files, chunks: s.chunks, withVectors: s.chunksWithVectors, skipped: s.skippedByReason, skippedTotal: s.skippedTotal, languages: s.languages, embedderId: s.embedderId, dimension: s.dimension },
    { files: 2, chunks: 3, withVectors: 1, skipped: { binary: 2, 'too-large': 1 }, skippedTotal: 3, languages: { typescript: 1, python: 1 }, embedderId: 'test', dimension: 2 },
  );
  assert.ok(s.diskBytes > 0);
  assert.ok(s.updatedAt && !Number.isNaN(Date.parse(s.updatedAt)));
  assert.deepEqual(await IndexStore.readStats(store.dir).then((r) => r.chunks), 3, 'static stats read the same index');
});

test('optimize bounds versions and disk over 50 rewrites of one file, and sweeps temp files of killed writes', async (t) => {
  const dir = await tempDir(t);
  const store = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 }, { cleanupGraceMs: 0 });
  t.after(() => store.close());
  const body = (i: number) => `function v${i}() { return "${'x'.repeat(4000)}"; }`;
  await replaceFile(store, fileRow('a.ts', 'h0'), [chunk('a.ts', body(0))]);
  await store.optimize();
  await store.optimize(); // files replaced by a compaction go at the next cleanup
  const baseline = await store.diskBytes();
  for (let i = 1; i <= 50; i++) await replaceFile(store, fileRow('a.ts', `h${i}`), [chunk('a.ts', body(i))]);
  const grown = await store.diskBytes();
  assert.ok((await chunkVersionCount(store)) >= 50, 'every write made a version');
  const tmp = path.join(dir, 'chunks_g1.lance', 'data', '.tmp_killed_write');
  await fs.writeFile(tmp, 'partial');
  const report = await store.optimize();
  await store.optimize();
  assert.equal(report.tempFilesRemoved, 1);
  await assert.rejects(fs.access(tmp));
  const versions = await chunkVersionCount(store);
  const after = await store.diskBytes();
  t.diagnostic(`versions ${versions}; disk one file ${baseline} B, after 50 rewrites ${grown} B, after optimize ${after} B`);
  assert.ok(versions <= 3, `versions after optimize: ${versions}`);
  assert.ok(after < grown / 4, `disk ${grown} → ${after}`);
  assert.ok(after < baseline * 3, `disk stays near its one-file size: ${baseline} → ${after}`);
  assert.equal((await store.searchKeyword('v50', { limit: 5 }))[0]?.path, 'a.ts', 'the index still answers');
  assert.deepEqual((await store.chunksOfFile('a.ts')).map((c) => c.text), [body(50)]);
});

test('optimize honours an aborted signal', async (t) => {
  const store = await IndexStore.open(await tempDir(t), { embedderId: 'none', dimension: 0 });
  t.after(() => store.close());
  await replaceFile(store, fileRow('a.ts'), [chunk('a.ts', 'x')]);
  await assert.rejects(store.optimize({ signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('an index folder that cannot be written gives a clear error', async (t) => {
  const dir = await tempDir(t);
  // Tests run as root, where chmod does not stop writes; a path below a plain file fails for anyone.
  const file = path.join(dir, 'plain-file');
  await fs.writeFile(file, 'x');
  await assert.rejects(IndexStore.open(path.join(file, 'db'), { embedderId: 'none', dimension: 0 }), (e: unknown) => e instanceof AskCodebaseError && e.code === 'index-dir-unwritable' && /cannot be written/.test(e.message));
  if (process.getuid?.() !== 0) {
    const ro = path.join(dir, 'read-only');
    await fs.mkdir(ro, { mode: 0o555 });
    await assert.rejects(IndexStore.open(ro, { embedderId: 'none', dimension: 0 }), { code: 'index-dir-unwritable' });
  }
  await assert.rejects(IndexStore.openExisting(path.join(dir, 'missing')), { code: 'no-index' });
});
