// Issue 13, item 3: a truncated or deleted data file, or missing full-text index files, are
// reported by `status`, give `search` a clear message instead of a raw LanceDB error, and are
// repaired by the next `index` run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { runCli, tempDir, workspace } from './harness.js';

const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`src/worker${i}.ts`, `export function corruptionProbe${i}(x: number) {\n  return x * ${i};\n}\n`]));

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

const damages: Array<{ name: string; searchFails: boolean; damage: (db: string) => Promise<void> }> = [
  {
    name: 'a truncated chunks data file',
    searchFails: true,
    damage: async (db) => {
      for (const f of (await filesUnder(db)).filter((p) => /chunks_g\d+\.lance\/data\/.*\.lance$/.test(p))) await fs.truncate(f, 100);
    },
  },
  {
    name: 'a deleted files data file',
    searchFails: false,
    damage: async (db) => {
      for (const f of (await filesUnder(db)).filter((p) => /files_g\d+\.lance\/data\/.*\.lance$/.test(p))) await fs.rm(f);
    },
  },
  {
    name: 'missing full-text index files',
    searchFails: true,
    damage: async (db) => {
      const inverted = (await filesUnder(db)).filter((p) => /_indices\/.*invert.*\.lance$/.test(p));
      assert.ok(inverted.length > 0, 'the index has full-text index files');
      for (const f of inverted) await fs.rm(f);
    },
  },
];

for (const { name, searchFails, damage } of damages) {
  test(`${name}: status reports it, search says so clearly, index repairs it`, async () => {
    const root = await workspace(files);
    const db = await tempDir('acb-rel-db-');
    assert.equal((await runCli(['index', root, '--db', db])).code, 0);
    await damage(db);

    const status = await runCli(['status', '--db', db]);
    assert.match(status.stdout, /Health: +DAMAGED: /);
    if (searchFails) {
      const search = await runCli(['search', 'corruptionProbe3', '--db', db, '--mode', 'keyword']);
      assert.notEqual(search.code, 0);
      assert.match(search.stderr, /looks damaged/);
      assert.doesNotMatch(search.stderr, /LanceError|rustc|\n\s+at /);
    }

    const repair = await runCli(['index', root, '--db', db]);
    assert.equal(repair.code, 0, repair.stderr);
    assert.match(repair.stderr, /(Rebuilding|Repairing) the index/);
    assert.match((await runCli(['status', '--db', db])).stdout, /Health: +ok/);
    const search = await runCli(['search', 'corruptionProbe3', '--db', db, '--mode', 'keyword']);
    assert.equal(search.code, 0, search.stderr);
    assert.match(search.stdout, /src\/worker3\.ts/);
  });
}
