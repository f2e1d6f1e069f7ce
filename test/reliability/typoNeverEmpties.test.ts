// Issue 13, item 2: a missing root is an error that deletes nothing, a run that would remove
// more than half of the index needs --allow-mass-delete, and folders that cannot be read are
// listed among the skipped with their reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readIndex, runCli, tempDir, workspace } from './harness.js';

const twelveFiles = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/file${i}.ts`, `export const v${i} = "MARKER_${i}";\n`]));

function indexedCount(files: Map<string, string>): number {
  return [...files.values()].filter((s) => s !== 'skipped').length;
}

test('indexing a folder that does not exist is a clear error and deletes nothing', async () => {
  const root = await workspace(twelveFiles);
  const db = await tempDir('acb-rel-db-');
  assert.equal((await runCli(['index', root, '--db', db])).code, 0);
  const typo = path.join(path.dirname(root), 'no-such-folder-here');
  const run = await runCli(['index', typo, '--db', db]);
  assert.notEqual(run.code, 0, 'a missing root fails');
  assert.match(run.stderr, /cannot be read/);
  assert.match(run.stderr, /Nothing was changed/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(indexedCount((await readIndex(db)).files), 12);

  const fresh = path.join(await tempDir('acb-rel-db-'), 'index');
  const none = await runCli(['index', typo, '--db', fresh]);
  assert.notEqual(none.code, 0);
  await assert.rejects(fs.stat(fresh), 'no empty index is created for a typo');
});

test('a run that would remove more than half of the index needs --allow-mass-delete', async () => {
  const root = await workspace(twelveFiles);
  const db = await tempDir('acb-rel-db-');
  assert.equal((await runCli(['index', root, '--db', db])).code, 0);
  // An unmounted drive leaves its (empty) mount point behind.
  await fs.rm(path.join(root, 'src'), { recursive: true });
  const refused = await runCli(['index', root, '--db', db]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /remove 12 of the 12 indexed files/);
  assert.match(refused.stderr, /--allow-mass-delete/);
  assert.equal(indexedCount((await readIndex(db)).files), 12, 'nothing was deleted');

  const allowed = await runCli(['index', root, '--db', db, '--allow-mass-delete']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.equal(indexedCount((await readIndex(db)).files), 0);
});

test('a folder whose path is too long to open is listed among the skipped with its reason', async () => {
  const root = await workspace({ 'src/ok.ts': 'export const ok = 1;\n' });
  const db = await tempDir('acb-rel-db-');
  // 25 nested folders of 200 characters: the deepest paths exceed PATH_MAX (4096).
  const name = 'd'.repeat(200);
  const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 25); do mkdir ${name} && cd ${name}; done && echo 'export const deep = 1;' > deep.ts`, 'bash', root]);
  assert.equal(made.status, 0, String(made.stderr));
  try {
    const run = await runCli(['index', root, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    const status = JSON.parse((await runCli(['status', '--db', db, '--json'])).stdout);
    assert.ok(status.skippedByReason.unreadable >= 1, JSON.stringify(status.skippedByReason));
    const skippedFolders = [...(await readIndex(db)).files].filter(([p, s]) => s === 'skipped' && p.endsWith('/'));
    assert.ok(skippedFolders.length >= 1, 'the unreadable folder has a record');
  } finally {
    spawnSync('rm', ['-rf', root]);
  }
});
