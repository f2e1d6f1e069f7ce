// Issue 18: the self-evaluation as the user meets it — after a first build, in `status`, on
// demand with `tune`, never again after an ordinary update, and a clear message without an index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from './harness.js';
import { shopRepo } from '../unit/tune/gitRepo.js';

test('a first build tunes itself, status shows it, an update does not tune again, tune runs on demand', async () => {
  const { dir } = await shopRepo(12);
  const db = await tempDir('acb-rel-tune-db-');
  const first = await runCli(['index', dir, '--db', db, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const result = JSON.parse(first.stdout.trim().split('\n').pop()!);
  assert.equal(result.type, 'result');
  assert.equal(result.selfTuning.pairs.commit, 12);
  assert.ok(result.selfTuning.heldOut, 'held-out numbers');
  assert.match(result.selfTuning.status, /^(tuned|defaults)$/);

  const status = await runCli(['status', '--db', db]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /Self-tuning: (tuned \(.+\)|global defaults)/);
  assert.match(status.stdout, /Pairs: +12 from commits, \d+ from doc comments/);
  assert.match(status.stdout, /Held out: defaults MRR \d\.\d{3} · R@10 \d\.\d{3}; chosen MRR/);
  const statusJson = JSON.parse((await runCli(['status', '--db', db, '--json'])).stdout);
  assert.equal(statusJson.selfTuning.pairs.commit, 12);

  const again = await runCli(['index', dir, '--db', db, '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout.trim().split('\n').pop()!).selfTuning, undefined, 'an update does not tune again');

  const tuned = await runCli(['tune', '--root', dir, '--db', db, '--json']);
  assert.equal(tuned.code, 0, tuned.stderr);
  const report = JSON.parse(tuned.stdout);
  assert.ok(report.heldOut.defaults.mrr >= 0 && report.heldOut.chosen.mrr >= report.heldOut.defaults.mrr);
  assert.equal(report.saved, true);
});

test('without git or with --no-tune the status says so plainly; tune without an index is a clear error', async () => {
  const { dir } = await shopRepo(0);
  const db = await tempDir('acb-rel-tune-db-');
  const built = await runCli(['index', dir, '--db', db, '--no-tune']);
  assert.equal(built.code, 0, built.stderr);
  assert.doesNotMatch(built.stdout, /self-tuning/);
  assert.match((await runCli(['status', '--db', db])).stdout, /Self-tuning: not run yet \(global defaults\)/);
  const tuned = await runCli(['tune', '--root', dir, '--db', db]);
  assert.equal(tuned.code, 0, tuned.stderr);
  assert.match(tuned.stdout, /Self-tuning: global defaults/);
  assert.match(tuned.stdout, /Why: +Too few self-evaluation pairs/);
  assert.match(tuned.stdout, /Note: +the repository has a single commit/);
  const missing = await runCli(['tune', '--root', dir, '--db', await tempDir('acb-rel-tune-none-') + '/nothing']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /No index at .*nothing/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
});
