// Run by diskFull.test.ts inside a private mount namespace where `dbDir` is a small tmpfs: index,
// fill the disk, index more, and report (one JSON line) what the user would see.
import fs from 'node:fs/promises';
import path from 'node:path';
import { runIndex } from '../../../src/core/index/indexer.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { AskCodebaseError } from '../../../src/core/types.js';

const [root, dbDir] = process.argv.slice(2);
const filler = path.join(path.dirname(dbDir), 'filler.bin');

async function topPath(q: string): Promise<string | undefined> {
  const store = await IndexStore.openExisting(dbDir);
  try {
    return (await searchIndex(store, q, { mode: 'keyword', priors: false })).chunks[0]?.path;
  } finally {
    await store.close();
  }
}

/** Writes zeros until the file system refuses, then gives back `leaveBytes`. */
async function fillDisk(leaveBytes = 0): Promise<void> {
  const handle = await fs.open(filler, 'w');
  const block = Buffer.alloc(16 * 1024);
  try {
    for (;;) await handle.write(block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  const { size } = await handle.stat();
  await handle.truncate(Math.max(0, size - leaveBytes));
  await handle.close();
}

async function attempt(): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  try {
    await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
    return { ok: true };
  } catch (err) {
    if (err instanceof AskCodebaseError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'not-an-AskCodebaseError', message: String(err) };
  }
}

const report: Record<string, unknown> = {};
// 1. The very first build on a full disk.
await fillDisk();
report.firstBuild = await attempt();
await fs.rm(filler);
// Room for the writer lock but not for the tables: the failed open must release the lock.
await fillDisk(16 * 1024);
report.tablesBuild = await attempt();
await fs.rm(filler);
report.firstBuildAfterFreeing = await attempt();
report.foundAfterFirstBuild = await topPath('parse config file');
// 2. A later run that runs out of space half-way: the previous index must survive.
for (let i = 0; i < 40; i++) {
  const body = Array.from({ length: 200 }, (_, j) => `export function generatedHelper${i}x${j}(value: number) { return value * ${j}; }`).join('\n');
  await fs.writeFile(path.join(root, `src/generated${i}.ts`), `${body}\n`);
}
await fs.writeFile(path.join(root, 'src/quota.ts'), 'export function enforceStorageQuota() {\n  return false;\n}\n');
// Room for the lock and the first writes, not for all the new chunks.
await fillDisk(256 * 1024);
report.grownBuild = await attempt();
report.oldIndexStillFinds = await topPath('parse config file');
await fs.rm(filler);
report.grownBuildAfterFreeing = await attempt();
report.newFileFound = await topPath('enforce storage quota');
console.log(JSON.stringify(report));
