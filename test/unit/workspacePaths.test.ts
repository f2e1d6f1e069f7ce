import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { resolveStorePath, storePathOf } from '../../src/core/workspacePaths.js';

const single = [{ path: '/ws/app' }];
const multi = [{ path: '/ws/app', label: 'app' }, { path: '/other/lib', label: 'lib' }];

test('index paths resolve against the right root, and back', () => {
  assert.equal(resolveStorePath(single, 'src/a.ts'), path.resolve('/ws/app/src/a.ts'));
  assert.equal(resolveStorePath(multi, 'lib/x/y.py'), path.resolve('/other/lib/x/y.py'));
  assert.equal(storePathOf(multi, '/other/lib/x/y.py'), 'lib/x/y.py');
  assert.equal(storePathOf(single, '/ws/app/src/a.ts'), 'src/a.ts');
});

test('paths outside every root, or escaping one, resolve to nothing', () => {
  assert.equal(resolveStorePath(single, '../secrets.txt'), undefined);
  assert.equal(resolveStorePath(multi, 'unknown/a.ts'), undefined);
  assert.equal(resolveStorePath(multi, 'app/../../etc/passwd'), undefined);
  assert.equal(storePathOf(single, '/ws/other/a.ts'), undefined);
  assert.equal(storePathOf(single, '/ws/app'), undefined);
});
