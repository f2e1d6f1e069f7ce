// Issue 13, item 5: two roots with the same folder name keep their own rows, and an index folder
// inside an indexed root is never indexed itself (the index settles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chunkPathsWith, readIndex, runCli, tempDir, workspace } from './harness.js';

test('roots a/src and b/src do not overwrite each other', async () => {
  const top = await workspace({
    'a/src/util.ts': 'export const fromA = "MARKER_ROOT_A";\n',
    'b/src/util.ts': 'export const fromB = "MARKER_ROOT_B";\n',
  });
  const db = await tempDir('acb-rel-db-');
  const run = await runCli(['index', path.join(top, 'a/src'), path.join(top, 'b/src'), '--db', db]);
  assert.equal(run.code, 0, run.stderr);
  const a = await chunkPathsWith(db, 'MARKER_ROOT_A');
  const b = await chunkPathsWith(db, 'MARKER_ROOT_B');
  assert.equal(a.length, 1, 'root a keeps its file');
  assert.equal(b.length, 1, 'root b keeps its file');
  assert.notEqual(a[0], b[0]);
  const again = await runCli(['index', path.join(top, 'a/src'), path.join(top, 'b/src'), '--db', db]);
  assert.match(again.stdout, /new 0, changed 0, touched 0, unchanged 2, deleted 0/);
});

test('an index folder inside the indexed root is excluded, and a second run finds nothing to do', async () => {
  const root = await workspace({ 'src/app.ts': 'export const app = "MARKER_APP";\n', 'docs/readme.md': '# App\n' });
  const db = path.join(root, 'index-data');
  const first = await runCli(['index', root, '--db', db]);
  assert.equal(first.code, 0, first.stderr);
  const second = await runCli(['index', root, '--db', db]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /new 0, changed 0, touched 0, unchanged 2, deleted 0/);
  const { files } = await readIndex(db);
  assert.deepEqual([...files.keys()].filter((p) => p.startsWith('index-data/')), [], 'no record of the index folder\'s own files');
  await fs.access(path.join(db));
});
