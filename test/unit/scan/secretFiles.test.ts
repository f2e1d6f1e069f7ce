import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretFileReason } from '../../../src/core/scan/secretFiles.js';

test('credential folders match their files, and folders named like Object methods are plain folders', () => {
  assert.equal(secretFileReason('config.json', 'home/.docker/config.json'), 'credentials (.docker/config.json)');
  assert.equal(secretFileReason('config', 'x/.kube/config'), 'credentials (.kube/config)');
  // spring-framework has a package folder named `constructor`; a lookup in an object literal found
  // Object's constructor there and the walk failed.
  for (const folder of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal(secretFileReason('Foo.java', `src/${folder}/Foo.java`), undefined, folder);
  }
});
