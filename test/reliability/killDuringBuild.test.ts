// Issue 13, tests: kill -9 of a build at points spread over its progress, then a consistency
// check after the next run: every file's marker is found exactly once, in its own file, and the
// files table agrees with the chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { collect, runCli, startCli, tempDir, workspace } from './harness.js';
import { sampleChunks } from '../unit/helpers/storeTables.js';

const FILES = 240;
const files = Object.fromEntries(
  Array.from({ length: FILES }, (_, i) => [`src/part${Math.floor(i / 40)}/module${i}.ts`, `export function module${i}Entry(x: number) {\n  return x + ${i}; // KILLMARK_${i}_END\n}\n`]),
);

async function consistency(db: string): Promise<void> {
  const store = await IndexStore.openExisting(db);
  try {
    const rows = await store.listFiles();
    const indexed = rows.filter(([, f]) => f.status !== 'skipped');
    assert.equal(indexed.length, FILES, 'every file has one record');
    const chunks = await sampleChunks(store, 1_000_000);
    assert.equal(chunks.length, indexed.reduce((n, [, f]) => n + f.chunkCount, 0), 'the files table counts the chunks there are');
    const seen = new Map<string, string[]>();
    for (const c of chunks) for (const m of c.text.matchAll(/KILLMARK_(\d+)_END/g)) seen.set(m[1], [...(seen.get(m[1]) ?? []), c.path]);
    for (let i = 0; i < FILES; i++) {
      assert.deepEqual(seen.get(String(i)), [`src/part${Math.floor(i / 40)}/module${i}.ts`], `marker ${i} found once, in its file`);
    }
  } finally {
    await store.close();
  }
}

test('kill -9 at points across a build, then the next run leaves a consistent index', async () => {
  const root = await workspace(files);
  // Without MALLOC_ARENA_MAX the CLI relaunches itself; with it set, the killed process is the builder.
  const env = { MALLOC_ARENA_MAX: '2' };
  for (const killAfterLines of [1, 3, 6]) {
    const db = await tempDir('acb-rel-db-');
    const child = startCli(['index', root, '--db', db, '--workers', '1'], { env });
    const done = collect(child);
    let lines = 0;
    let killed = false;
    child.stdout!.on('data', (d: Buffer) => {
      lines += String(d).split('\n').filter((l) => l.startsWith('{')).length;
      if (!killed && lines >= killAfterLines) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const first = await done;
    // A build that finished before its kill point is fine too: the check below still applies.
    assert.ok(first.signal === 'SIGKILL' || first.code === 0, `${first.signal} ${first.code} ${first.stderr}`);
    const again = await runCli(['index', root, '--db', db, '--workers', '1'], { env });
    assert.equal(again.code, 0, again.stderr);
    await consistency(db);
  }
});
