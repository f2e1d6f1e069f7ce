// Issue 13, item 4: one huge line never poisons the index. An 8 MB single-line Markdown file
// (size limit raised) made one chunk that the full-text build refuses; chunks are now bounded in
// bytes, and an index that already holds such a chunk heals instead of failing every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_CHUNK_BYTES } from '../../src/core/chunk/boundChunks.js';
import { toChunkRows } from '../../src/core/chunk/chunkRows.js';
import { indexedFileRow } from '../../src/core/index/rows.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { chunkingId } from '../../src/core/chunk/chunkFile.js';
import { readIndex, runCli, tempDir, workspace } from './harness.js';
import { replaceFile } from '../unit/helpers/storeTables.js';

/** ~8 MB of words on one line, with a marker near the end. */
function hugeLine(): string {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  const parts: string[] = [];
  for (let i = 0; i < 1_100_000; i++) parts.push(i % 3 === 0 ? `tok${i}` : words[i % 5]);
  parts.push('hugeLineEndMarker');
  return parts.join(' ');
}

test('a file that is one 8 MB line is indexed in bounded chunks and stays searchable', async () => {
  const root = await workspace({ 'notes/big.md': hugeLine(), 'src/small.ts': 'export const smallMarker = 1;\n' });
  const db = await tempDir('acb-rel-db-');
  const run = await runCli(['index', root, '--db', db, '--max-file-size', '20000']);
  assert.equal(run.code, 0, run.stderr);
  const { chunks } = await readIndex(db);
  assert.ok(chunks.every((c) => Buffer.byteLength(c.text) <= MAX_CHUNK_BYTES), 'every chunk is within the bound');
  assert.ok(chunks.some((c) => c.path === 'notes/big.md' && c.text.includes('hugeLineEndMarker')));
  const found = await runCli(['search', 'hugeLineEndMarker', '--db', db, '--mode', 'keyword']);
  assert.equal(found.code, 0, found.stderr);
  assert.match(found.stdout, /notes\/big\.md/);
  const again = await runCli(['index', root, '--db', db, '--max-file-size', '20000']);
  assert.equal(again.code, 0, again.stderr);
});

test('an index already holding an oversized chunk heals: the run succeeds and the next stores it cut to size', async () => {
  const text = hugeLine();
  const root = await workspace({ 'notes/big.md': text, 'src/small.ts': 'export const smallMarker = 1;\n' });
  const db = await tempDir('acb-rel-db-');
  // What an older version stored: the whole line as one chunk.
  const store = await IndexStore.open(db, { embedderId: 'none', dimension: 0, chunking: chunkingId({}) });
  const st = await fs.stat(path.join(root, 'notes/big.md'));
  const file = { root, path: 'notes/big.md', absPath: path.join(root, 'notes/big.md'), size: st.size, mtimeMs: st.mtimeMs, language: 'markdown' };
  await replaceFile(store, indexedFileRow('notes/big.md', file, 'old-hash', 1), toChunkRows([{ path: 'notes/big.md', startLine: 1, endLine: 1, language: 'markdown', kind: 'window', symbol: '', parents: [], text }]));
  await store.close();

  const healing = await runCli(['index', root, '--db', db, '--max-file-size', '20000']);
  assert.equal(healing.code, 0, healing.stderr);
  assert.match(healing.stderr, /dropped now and stored cut to size on the next run/);
  const next = await runCli(['index', root, '--db', db, '--max-file-size', '20000']);
  assert.equal(next.code, 0, next.stderr);
  const { chunks } = await readIndex(db);
  assert.ok(chunks.every((c) => Buffer.byteLength(c.text) <= MAX_CHUNK_BYTES));
  assert.ok(chunks.some((c) => c.text.includes('hugeLineEndMarker')));
});
