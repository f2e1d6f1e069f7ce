import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretFileReason } from '../../../src/core/scan/secretFiles.js';

test('a folder named like an Object member is an ordinary folder (spring-framework has `constructor/`)', () => {
  for (const folder of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal(secretFileReason('Foo.java', `src/${folder}/Foo.java`), undefined, folder);
  }
  assert.equal(secretFileReason('config', 'home/.kube/config'), 'credentials (.kube/config)');
  assert.equal(secretFileReason('config.json', '.docker/config.json'), 'credentials (.docker/config.json)');
});
