// Bad command-line input ends with the message and exit code 2, not "unexpected error" and a stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const main = path.join(import.meta.dirname, '../../../src/cli/main.ts');

test('index with a --max-file-size that is not a number says so and exits 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-cli-args-'));
  try {
    // MALLOC_ARENA_MAX set: the command runs in this child, without relaunching itself.
    const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'index', dir, '--db', path.join(dir, 'db'), '--max-file-size', 'lots'], {
      encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '2' }, timeout: 120_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^ask-codebase: --max-file-size must be a positive number of KB, got "lots"$/m);
    assert.doesNotMatch(r.stderr, /unexpected error/);
    assert.equal(fs.existsSync(path.join(dir, 'db')), false, 'nothing was written');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
