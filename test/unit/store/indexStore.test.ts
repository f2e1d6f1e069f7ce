import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { pathTokens, splitIdentifiers } from '../../../src/core/store/identifiers.js';
import type { ChunkRow, FileRow } from '../../../src/core/store/schema.js';
import { hashText } from '../../../src/core/textHash.js';

process.env.LANCEDB_LOG ??= 'error';
const tempDir = () => fs.mkdtemp(path.join(os.tmpdir(), 'acb-store-'));

function fileRow(p: string, hash = 'h'): FileRow {
  return { path: p, size: 10, mtime_ms: 1, content_hash: hash, language: 'typescript', indexed_at: Date.now(), status: 'indexed', skip_reason: '', skip_detail: '', chunk_count: 1 };
}

function chunk(p: string, text: string, start = 1, symbol = ''): ChunkRow {
  const content_hash = hashText(text);
  const end = start + text.split('\n').length - 1;
  return {
    id: hashText(`${p}:${start}:${end}:${content_hash}`), path: p, start_line: start, end_line: end, language: 'typescript', kind: 'function',
    symbol, parents: '', content_hash, text, idents: `${pathTokens(p)} ${splitIdentifiers(text)}`,
  };
}

test('identifiers split on camelCase, acronyms, digits and snake_case', () => {
  assert.equal(splitIdentifiers('parseConfigFile'), 'parseconfigfile parse config file');
  assert.equal(splitIdentifiers('HTTPServer2'), 'httpserver2 http server 2');
  assert.equal(splitIdentifiers('user_id'), 'userid user id');
  assert.equal(pathTokens('src/store/chunkTable.ts'), 'src store chunktable chunk table ts');
});

test('keyword search finds split identifiers in chunks that have no vectors yet', async () => {
  const dir = await tempDir();
  const store = await IndexStore.open(dir, { embedderId: 'test', dimension: 4 });
  await store.replaceFiles([
    { file: fileRow('src/config.ts'), chunks: [chunk('src/config.ts', 'export function parseConfigFile(path: string) {\n  return read(path);\n}', 1, 'parseConfigFile')] },
    { file: fileRow('src/other.ts'), chunks: [chunk('src/other.ts', 'export const colour = "blue";')] },
  ]);
  await store.optimize();
  const hits = await store.searchKeyword('how do we parse the config file?', { limit: 5 });
  assert.equal(hits[0].path, 'src/config.ts');
  assert.equal(hits[0].symbol, 'parseConfigFile');
  assert.ok(hits[0].score > 0);
  assert.deepEqual(await store.searchVector(new Float32Array([1, 0, 0, 0]), { limit: 5 }), [], 'no vectors yet');
  assert.equal(await store.countChunksMissingVectors(), 2);
  await store.close();
});

test('regex metacharacters, quotes and empty queries do not throw', async () => {
  const dir = await tempDir();
  const store = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 });
  await store.replaceFiles([{ file: fileRow("it's odd/ä ö.ts"), chunks: [chunk("it's odd/ä ö.ts", 'const a = "(.*)+";')] }]);
  await store.optimize();
  for (const q of ['(.*)+[a-z]{2,}', '"unterminated', "it's", '   ', 'AND OR NOT']) {
    await store.searchKeyword(q, { limit: 3 });
  }
  const hits = await store.searchKeyword('odd', { limit: 3 });
  assert.equal(hits[0].path, "it's odd/ä ö.ts");
  await store.deleteFiles(["it's odd/ä ö.ts"]);
  assert.equal((await store.stats()).chunks, 0);
  await store.close();
});

test('replacing a file keeps unchanged chunks with their vectors and drops the rest', async () => {
  const dir = await tempDir();
  const store = await IndexStore.open(dir, { embedderId: 'test', dimension: 2 });
  const a = chunk('a.ts', 'function keep() {}', 1);
  const b = chunk('a.ts', 'function drop() {}', 3);
  await store.replaceFiles([{ file: fileRow('a.ts'), chunks: [a, b] }]);
  await store.setVectors([{ id: a.id, vector: new Float32Array([1, 0]) }]);
  const c = chunk('a.ts', 'function added() {}', 5);
  await store.replaceFiles([{ file: fileRow('a.ts', 'h2'), chunks: [a, c] }]);
  const rows = await store.chunksOfFile('a.ts');
  assert.deepEqual(rows.map((r) => r.text), ['function keep() {}', 'function added() {}']);
  const reused = await store.vectorsByContentHash([a.content_hash, c.content_hash]);
  assert.deepEqual([...reused.keys()], [a.content_hash]);
  assert.deepEqual((await store.chunksMissingVectors(10)).map((r) => r.id), [c.id]);
  const near = await store.searchVector(new Float32Array([1, 0]), { limit: 5 });
  assert.equal(near.length, 1);
  assert.equal(near[0].id, a.id);
  assert.ok(Math.abs(near[0].score - 1) < 1e-6);
  await store.close();
});

test('a different model or dimension rebuilds the index with a reason', async () => {
  const dir = await tempDir();
  const s1 = await IndexStore.open(dir, { embedderId: 'model-a', dimension: 2 });
  await s1.replaceFiles([{ file: fileRow('a.ts'), chunks: [chunk('a.ts', 'x')] }]);
  await s1.close();
  const s2 = await IndexStore.open(dir, { embedderId: 'model-a', dimension: 2 });
  assert.equal(s2.rebuildReason, undefined);
  assert.equal((await s2.stats()).chunks, 1);
  await s2.close();
  const s3 = await IndexStore.open(dir, { embedderId: 'model-b', dimension: 3 });
  assert.match(s3.rebuildReason ?? '', /embedding model changed/);
  const stats = await s3.stats();
  assert.equal(stats.chunks, 0);
  assert.equal(stats.embedderId, 'model-b');
  assert.equal(stats.dimension, 3);
  await s3.close();
});

test('optimize keeps disk use bounded over many rewrites of the same file', async () => {
  const dir = await tempDir();
  const store = await IndexStore.open(dir, { embedderId: 'none', dimension: 0 }, { cleanupGraceMs: 0 });
  const sizes: number[] = [];
  for (let i = 0; i < 30; i++) {
    await store.replaceFiles([{ file: fileRow('a.ts', `h${i}`), chunks: [chunk('a.ts', `function v${i}() { return ${'x'.repeat(2000)}; }`)] }]);
    if (i % 10 === 9) {
      await store.optimize();
      sizes.push(await store.diskBytes());
    }
  }
  // With cleanup, the 3rd checkpoint must not be much larger than the 1st (growth would be ~3x).
  assert.ok(sizes[2] < sizes[0] * 2, `disk grew: ${sizes.join(', ')}`);
  await store.close();
});

test('an index folder that cannot be created gives a clear error', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'plain-file');
  await fs.writeFile(file, 'x');
  await assert.rejects(IndexStore.open(path.join(file, 'db'), { embedderId: 'none', dimension: 0 }), /cannot be written/);
});
