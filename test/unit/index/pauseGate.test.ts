import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PauseGate } from '../../../src/core/index/pauseGate.js';
import { ProgressMeter } from '../../../src/core/index/progressMeter.js';

test('a paused gate holds waiters until resumed', async () => {
  const gate = new PauseGate();
  gate.pause();
  let passed = false;
  const waiter = gate.wait().then(() => (passed = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(passed, false);
  gate.resume();
  await waiter;
  assert.equal(passed, true);
});

test('an abort releases a paused waiter', async () => {
  const gate = new PauseGate();
  gate.pause();
  const ac = new AbortController();
  const waiter = gate.wait(ac.signal);
  ac.abort();
  await waiter;
  assert.equal(gate.paused, true);
});

test('progress meter derives rate and ETA from counters', () => {
  let t = 0;
  const meter = new ProgressMeter(() => t);
  meter.event({ phase: 'chunk', filesDone: 0, filesTotal: 100, chunksDone: 0 });
  t = 2000;
  const e = meter.event({ phase: 'chunk', filesDone: 20, filesTotal: 100, chunksDone: 200 });
  assert.equal(e.chunksPerSecond, 100);
  assert.equal(e.etaSeconds, 8);
});
