import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const script = path.join(import.meta.dirname, 'boundedMallocScript.ts');
const run = (arg: string, env: NodeJS.ProcessEnv = {}) => {
  const { MALLOC_ARENA_MAX: _unset, ...base } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', script, arg], { encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
};

test('an index-building CLI run relaunches itself once with MALLOC_ARENA_MAX=2 and passes its exit code on', { skip: process.platform !== 'linux' && 'glibc arenas are Linux-only' }, () => {
  const r = run('7');
  assert.equal(r.status, 7, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'exactly one relaunched copy ran');
  assert.match(lines[0], /MALLOC_ARENA_MAX=2$/);
  assert.doesNotMatch(lines[0], new RegExp(`pid=${r.pid}\\b`), 'the report came from another process');
});

test('a relaunched run killed by a signal ends the launcher by the same signal', { skip: process.platform !== 'linux' && 'glibc arenas are Linux-only' }, () => {
  const r = run('die-by-signal');
  assert.equal(r.signal, 'SIGTERM', r.stderr);
});

test('a MALLOC_ARENA_MAX the user set is kept and nothing is relaunched', () => {
  const r = run('0', { MALLOC_ARENA_MAX: '4' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), `ran pid=${r.pid} MALLOC_ARENA_MAX=4`, 'the first process itself ran the command');
});

test('the relaunched copy ends when its launcher is killed with SIGKILL', { skip: process.platform !== 'linux' && 'glibc arenas are Linux-only' }, async () => {
  const { MALLOC_ARENA_MAX: _unset, ...base } = process.env;
  const launcher = spawn(process.execPath, ['--import', 'tsx', script, 'wait'], { env: base, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout.setEncoding('utf8');
  const reported = new Promise<void>((resolve) => launcher.stdout.on('data', (d: string) => { out += d; if (out.includes('\n')) resolve(); }));
  await reported;
  const copyPid = Number(/pid=(\d+)/.exec(out)?.[1]);
  assert.ok(copyPid > 0 && copyPid !== launcher.pid, out);
  launcher.kill('SIGKILL');
  assert.ok(await gone(copyPid, 60_000), 'the relaunched copy outlived its launcher');
});

/** Whether `pid` has exited (or become a zombie) within `deadlineMs`. */
async function gone(pid: number, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    const state = await readFile(`/proc/${pid}/stat`, 'utf8').then((s) => s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3), () => 'gone');
    if (state === 'gone' || state === 'Z') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
