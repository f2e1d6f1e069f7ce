import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acquireWriterLock } from '../../../src/core/store/writerLock.js';

test('a second writer is refused while the first holds the lock, and admitted after release', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-lock-'));
  const first = await acquireWriterLock(dir);
  assert.ok(first);
  assert.equal(await acquireWriterLock(dir), null);
  await first.release();
  const second = await acquireWriterLock(dir);
  assert.ok(second);
  await second.release();
});

test('a lock left by a killed process is recovered', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-lock-'));
  const script = `
    import { acquireWriterLock } from ${JSON.stringify(path.resolve('src/core/store/writerLock.ts'))};
    const lock = await acquireWriterLock(${JSON.stringify(dir)});
    console.log(lock ? 'held' : 'refused');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  assert.equal(line, 'held');
  assert.equal(await acquireWriterLock(dir), null, 'live holder keeps the lock');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const taken = await acquireWriterLock(dir);
  assert.ok(taken, 'dead holder’s lock is taken over');
  await taken.release();
});
