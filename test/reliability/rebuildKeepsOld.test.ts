// Issue 13, item 3: a rebuild keeps the old index for readers until the new one is complete; an
// interrupted rebuild leaves the old one in place and the next run starts it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runIndex } from '../../src/core/index/indexer.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { chunkPathsWith, tempDir, workspace } from './harness.js';

const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/unit${i}.ts`, `export function unit${i}() {\n  return "KEEPOLD_${i}";\n}\n`]));

test('an interrupted rebuild leaves the old index readable; the completed one replaces it', async () => {
  const root = await workspace(files);
  const db = await tempDir('acb-rel-db-');
  await runIndex({ roots: [{ path: root }], dbDir: db, embedder: null });
  const before = await IndexStore.openExisting(db);
  const chunkingBefore = before.identity.chunking;
  await before.close();

  // Other chunking settings rebuild the index; this run is cancelled before it reads a file.
  const abort = new AbortController();
  const cancelled = await runIndex({
    roots: [{ path: root }], dbDir: db, embedder: null, chunk: { maxLines: 20 }, signal: abort.signal,
    onProgress: (e) => e.phase === 'chunk' && abort.abort(),
  });
  assert.equal(cancelled.cancelled, true);
  assert.match(cancelled.rebuildReason ?? '', /chunking settings changed/);
  const during = await IndexStore.openExisting(db);
  assert.equal(during.identity.chunking, chunkingBefore, 'readers still see the old index');
  await during.close();
  assert.deepEqual(await chunkPathsWith(db, 'KEEPOLD_7'), ['src/unit7.ts'], 'and it still answers');

  const done = await runIndex({ roots: [{ path: root }], dbDir: db, embedder: null, chunk: { maxLines: 20 } });
  assert.equal(done.cancelled, false);
  assert.equal(done.added, 30, 'the interrupted rebuild started again');
  const after = await IndexStore.openExisting(db);
  assert.notEqual(after.identity.chunking, chunkingBefore);
  assert.match(after.identity.chunking ?? '', /max20/);
  await after.close();
  assert.deepEqual(await chunkPathsWith(db, 'KEEPOLD_7'), ['src/unit7.ts']);
});
