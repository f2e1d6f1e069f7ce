import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactSecrets } from '../../../src/core/answer/redactSecrets.js';
import { FAKE, secretConfigFile } from './fakeSecrets.js';

describe('redactSecrets', () => {
  it('removes every kind of fake secret and keeps the line count', () => {
    const input = secretConfigFile();
    const { text, count, kinds } = redactSecrets(input);
    for (const [name, secret] of Object.entries(FAKE)) {
      for (const line of secret.split('\n')) assert.ok(!text.includes(line), `${name} leaked: ${line}`);
    }
    assert.equal(text.split('\n').length, input.split('\n').length);
    assert.equal(count, Object.keys(FAKE).length);
    for (const k of ['openai-key', 'github-token', 'aws-access-key', 'slack-token', 'stripe-key', 'jwt', 'private-key', 'connection-string-password', 'secret-assignment', 'env-secret']) {
      assert.ok(kinds.includes(k), `missing kind ${k}: ${kinds.join(', ')}`);
    }
    assert.match(text, /postgres:\/\/admin:\[REDACTED\]@db\.internal:5432\/app/);
    assert.match(text, /password: "\[REDACTED\]", user: 'admin'/);
    assert.match(text, /^export function connect\(\) \{ return open\(db\); \}$/m);
  });

  it('leaves ordinary code alone', () => {
    const code = [
      "const password = readPassword(); // no literal here",
      "if (token.kind === 'sk-') return;",
      "const url = 'https://example.com/path?x=1';",
      "const risk = 'task-list'; class SkipList {}",
      "const PASSWORD_MIN_LENGTH = 12",
    ].join('\n');
    assert.deepEqual(redactSecrets(code), { text: code, count: 0, kinds: [] });
  });

  it('is idempotent', () => {
    const once = redactSecrets(secretConfigFile()).text;
    const twice = redactSecrets(once);
    assert.equal(twice.text, once);
    assert.equal(twice.count, 0);
    assert.ok(once.includes(REDACTED));
  });
});
