// A full disk under the index: clear errors, the previous index intact, a later run recovers.
// The disk is a 4 MB tmpfs in a private mount namespace (`unshare`), so no root is needed and
// nothing outlives the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const scenario = path.join(import.meta.dirname, 'diskFullScenario.ts');

function canMountPrivately(): boolean {
  const probe = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8' });
  return probe.status === 0;
}

test('a full disk: clear errors, the previous index survives, and a run with space recovers', { timeout: 180_000 }, async (t) => {
  if (!canMountPrivately()) {
    t.skip('user and mount namespaces are not available here (unshare --map-root-user --mount)');
    return;
  }
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ws-'));
  const disk = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-disk-'));
  t.after(() => Promise.all([root, disk].map((d) => fs.rm(d, { recursive: true, force: true }))));
  await fs.mkdir(path.join(root, 'src'));
  await fs.writeFile(path.join(root, 'src/config.ts'), 'export function parseConfigFile(p: string) {\n  return JSON.parse(p);\n}\n');
  const script = `mount -t tmpfs -o size=4m tmpfs "$1" && exec "$2" --import tsx "$3" "$4" "$1/index"`;
  const run = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', disk, process.execPath, scenario, root], {
    encoding: 'utf8', env: { ...process.env, LANCEDB_LOG: 'error' }, timeout: 170_000,
  });
  assert.equal(run.status, 0, `the scenario crashed:\n${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);

  assert.equal(report.firstBuild.ok, false, 'a first build on a full disk fails');
  assert.equal(report.firstBuild.code, 'index-disk-full', report.firstBuild.message);
  assert.match(report.firstBuild.message, /is full .*Free some space/);
  assert.equal(report.tablesBuild.ok, false, 'a first build with room only for the lock fails');
  assert.equal(report.tablesBuild.code, 'index-disk-full', report.tablesBuild.message);
  assert.deepEqual(report.firstBuildAfterFreeing, { ok: true }, 'with space again, the first build succeeds (the failed one released its lock)');
  assert.equal(report.foundAfterFirstBuild, 'src/config.ts');

  assert.equal(report.grownBuild.ok, false, 'a run that runs out of space fails');
  assert.equal(report.grownBuild.code, 'index-disk-full', report.grownBuild.message);
  assert.match(report.grownBuild.message, /while (storing|optimizing)/, 'it failed part-way through writing, not at the lock');
  assert.equal(report.oldIndexStillFinds, 'src/config.ts', 'the index built before still answers');
  assert.deepEqual(report.grownBuildAfterFreeing, { ok: true }, 'with space again, the next run succeeds (no stale lock)');
  assert.equal(report.newFileFound, 'src/quota.ts');
});
