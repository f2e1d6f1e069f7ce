import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import vm from 'node:vm';
import { releaseMemory } from '../../../src/core/index/releaseMemory.js';

test('releaseMemory collects unreachable objects and leaves no gc global behind', async () => {
  let ref: WeakRef<object> | undefined;
  (() => {
    ref = new WeakRef({ rows: new Array(100_000).fill('dead chunk text') });
  })();
  await nextTurn(); // a WeakRef target stays alive until the job that made it ends
  releaseMemory();
  assert.equal(ref!.deref(), undefined, 'the unreachable object was collected');
  assert.equal(vm.runInNewContext('typeof gc'), 'undefined', 'new contexts get no gc function');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'no gc global in this context');
});
