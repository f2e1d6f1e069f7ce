import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acquireWriterLock, LOCK_FILE, readWriterLock } from '../../../src/core/store/writerLock.js';

const tempDir = () => fs.mkdtemp(path.join(os.tmpdir(), 'acb-lock-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a second writer is refused while the first holds the lock, and admitted after release', async () => {
  const dir = await tempDir();
  const first = await acquireWriterLock(dir);
  assert.ok(first);
  assert.equal(first.isHeld, true);
  const info = await readWriterLock(dir);
  assert.equal(info?.pid, process.pid);
  assert.equal(info?.host, os.hostname());
  assert.equal(await acquireWriterLock(dir), null);
  await first.release();
  assert.equal(first.isHeld, false);
  await assert.rejects(fs.access(path.join(dir, LOCK_FILE)), 'release removes the lock file');
  const second = await acquireWriterLock(dir);
  assert.ok(second);
  await second.release();
});

test('the heartbeat keeps a live lock fresh past staleMs', async () => {
  const dir = await tempDir();
  const lock = await acquireWriterLock(dir, { staleMs: 300 });
  assert.ok(lock);
  const before = (await readWriterLock(dir))!.heartbeat;
  await sleep(700);
  assert.ok((await readWriterLock(dir))!.heartbeat > before, 'heartbeat advanced');
  assert.equal(await acquireWriterLock(dir, { staleMs: 300 }), null, 'a beating lock is not stale');
  await lock.release();
});

test('release during a heartbeat leaves no lock file and no temporary file behind', async () => {
  const dir = await tempDir();
  let leftovers = 0;
  for (let i = 0; i < 150; i++) {
    const lock = await acquireWriterLock(dir, { staleMs: 30_000, heartbeatMs: 1 });
    assert.ok(lock, `acquired on round ${i}`);
    await sleep(i % 13);
    await lock.release();
    await sleep(3); // a heartbeat racing the release would rename its file back in by now
    const files = await fs.readdir(dir);
    if (files.length > 0) leftovers++;
    await Promise.all(files.map((f) => fs.rm(path.join(dir, f), { force: true })));
  }
  assert.equal(leftovers, 0, 'rounds that left a lock or heartbeat file behind');
});

test('a lock whose heartbeat stopped is taken over; release never deletes a later owner\'s lock', async () => {
  const dir = await tempDir();
  // A holder on another host (its pid cannot be checked) that went silent a minute ago.
  await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'old', heartbeat: Date.now() - 60_000 }));
  const taken = await acquireWriterLock(dir, { staleMs: 30_000 });
  assert.ok(taken, 'silent lock taken over');
  assert.equal((await readWriterLock(dir))?.pid, process.pid);
  await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'newcomer', heartbeat: Date.now() }));
  await taken.release();
  assert.equal((await readWriterLock(dir))?.token, 'newcomer');
});

test('a holder whose lock was taken over reports isHeld = false on its next heartbeat', async () => {
  const dir = await tempDir();
  const lock = await acquireWriterLock(dir, { staleMs: 150 });
  assert.ok(lock);
  await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'thief', heartbeat: Date.now() }));
  await sleep(200);
  assert.equal(lock.isHeld, false);
  assert.equal((await readWriterLock(dir))?.token, 'thief', 'the heartbeat did not overwrite the new owner');
  await lock.release();
  assert.equal((await readWriterLock(dir))?.token, 'thief');
});

test('a lock left by a killed process (kill -9) is recovered', async () => {
  const dir = await tempDir();
  const script = `
    import { acquireWriterLock } from ${JSON.stringify(path.resolve('src/core/store/writerLock.ts'))};
    const lock = await acquireWriterLock(${JSON.stringify(dir)});
    console.log(lock ? 'held' : 'refused');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  assert.equal(line, 'held');
  assert.equal((await readWriterLock(dir))?.pid, child.pid);
  assert.equal(await acquireWriterLock(dir), null, 'live holder keeps the lock');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const taken = await acquireWriterLock(dir);
  assert.ok(taken, 'dead holder’s lock is taken over');
  assert.equal((await readWriterLock(dir))?.pid, process.pid);
  await taken.release();
});
