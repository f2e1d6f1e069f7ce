import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIndex } from '../../../src/core/index/indexer.js';
import { reclaimSpace } from '../../../src/core/index/reclaimSpace.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { acquireWriterLock } from '../../../src/core/store/writerLock.js';
import { chunkVersionCount } from '../helpers/storeTables.js';

async function versionsAndTop(dbDir: string, q: string) {
  const store = await IndexStore.openExisting(dbDir);
  try {
    const top = (await searchIndex(store, q, { mode: 'keyword', k: 1, priors: false })).chunks[0]?.path;
    return { versions: await chunkVersionCount(store), top };
  } finally {
    await store.close();
  }
}

test('reclaimSpace removes the versions saves left behind, keeps what they wrote, and yields to another writer', async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ws-'));
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  t.after(() => Promise.all([root, dbDir].map((d) => fs.rm(d, { recursive: true, force: true }))));
  for (let i = 0; i < 20; i++) {
    await fs.writeFile(path.join(root, `m${i}.ts`), `export function helper${i}(v: number) {\n  return v * ${i};\n}\n`.repeat(20));
  }
  await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  // Saves: targeted updates, which skip the optimize step and leave their versions.
  for (let i = 0; i < 6; i++) {
    await fs.appendFile(path.join(root, 'm3.ts'), `export function savedRevision${i}() {}\n`);
    await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onlyPaths: ['m3.ts'] });
  }
  const before = await versionsAndTop(dbDir, 'savedRevision5');
  const diskBefore = (await IndexStore.readStats(dbDir)).diskBytes;

  const held = await acquireWriterLock(dbDir);
  assert.ok(held);
  assert.equal(await reclaimSpace(dbDir, { cleanupGraceMs: 0 }), false, 'another writer holds the index');
  await held.release();

  assert.equal(await reclaimSpace(dbDir, { cleanupGraceMs: 0 }), true);
  const after = await versionsAndTop(dbDir, 'savedRevision5');
  const diskAfter = (await IndexStore.readStats(dbDir)).diskBytes;
  assert.equal(before.top, 'm3.ts');
  assert.equal(after.top, 'm3.ts', 'the last save is still found');
  assert.ok(after.versions < before.versions, `versions ${before.versions} → ${after.versions}`);
  assert.ok(diskAfter < diskBefore, `disk ${diskBefore} → ${diskAfter} bytes`);
});
