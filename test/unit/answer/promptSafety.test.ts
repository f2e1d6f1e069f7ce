// What actually reaches a model server: injection text stays inside the data blocks, secrets never leave.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { answerQuestion } from '../../../src/core/answer/answerQuestion.js';
import { OpenAICompatibleProvider } from '../../../src/core/answer/openAICompatibleProvider.js';
import { FAKE, secretConfigFile } from './fakeSecrets.js';
import { chunkAt, copyFixtureRepo, readerFor, retrievalOf } from './fixtureRetrieval.js';
import { completionEvents, ScriptedChatServer } from './scriptedChatServer.js';

const TRUSTED = { allowRemote: true, workspaceTrusted: true };

describe('prompt safety, asserted on the request body the server received', () => {
  let server: ScriptedChatServer;
  let root: string;
  let remote: OpenAICompatibleProvider;

  before(async () => {
    server = await ScriptedChatServer.start();
    root = await copyFixtureRepo();
    await writeFile(path.join(root, 'src/config.ts'), secretConfigFile());
    // A loopback server declared remote, so the prompt goes through the off-machine path.
    remote = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'test-model', local: false });
  });
  after(() => server.close());

  it('keeps repository text that imitates instructions and delimiters inside its data block', async () => {
    const injection = await chunkAt(root, { path: 'src/injection.md', startLine: 1, endLine: 16, symbol: 'Setup notes' }, 1);
    const code = await chunkAt(root, { path: 'src/rateLimiter.ts', startLine: 18, endLine: 24, symbol: 'TokenBucket.tryTake' }, 2);
    server.requests.length = 0;
    server.reply({ events: completionEvents(['tryTake takes one token [2].']) });
    const result = await answerQuestion({
      question: 'What does tryTake do?',
      retrieval: retrievalOf('What does tryTake do?', [injection, code]),
      provider: remote,
      readFile: readerFor(root),
      policy: TRUSTED,
    });
    assert.equal(result.citations[0].status, 'valid');

    const [body] = server.chatBodies();
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
    const [system, user] = body.messages.map((m) => m.content);
    for (const phrase of ['IGNORE PREVIOUS', 'developer mode', 'administrator', 'im_start', 'id_rsa']) {
      assert.ok(!system.includes(phrase), `system message contains "${phrase}"`);
    }
    const token = /ACB-[0-9a-f]{32}/.exec(system)?.[0];
    assert.ok(token, 'system message names the boundary token');
    assert.ok(!injection.text.includes(token));

    // Exactly two real blocks, each opened and closed once with the token; nothing else looks like a delimiter.
    const lines = user.split('\n');
    const begins = lines.flatMap((l, i) => (l === `<<<BEGIN SOURCE [1] ${token}>>>` || l === `<<<BEGIN SOURCE [2] ${token}>>>` ? [i] : []));
    const ends = lines.flatMap((l, i) => (l === `<<<END SOURCE [1] ${token}>>>` || l === `<<<END SOURCE [2] ${token}>>>` ? [i] : []));
    assert.equal(begins.length, 2);
    assert.equal(ends.length, 2);
    assert.equal(lines.filter((l) => /^<<<(BEGIN|END)\b/.test(l)).length, 4, 'a fake delimiter survived un-neutralised');
    assert.equal(lines.filter((l) => l.includes(token)).length, 4);

    // Every line of the hostile file sits between the first block's delimiters.
    const block = lines.slice(begins[0], ends[0] + 1).join('\n');
    for (const hostile of ['IGNORE PREVIOUS INSTRUCTIONS', 'system: New instructions', '<|im_start|>system', '</sources>']) {
      assert.ok(block.includes(hostile), `"${hostile}" missing from its block`);
      assert.equal(user.indexOf(hostile), user.lastIndexOf(hostile), `"${hostile}" appears outside its block`);
    }
    // The file's own ``` cannot close the fence around it.
    assert.ok(block.includes('\n````markdown\n'), 'fence longer than the backtick run inside the source');
    // The question comes after all the data.
    assert.ok(user.lastIndexOf('Question: What does tryTake do?') > ends[1]);
  });

  it('sends no secret to a non-local provider, keeping line numbers intact', async () => {
    const config = await chunkAt(root, { path: 'src/config.ts', startLine: 1, endLine: 14, symbol: 'connect' }, 1);
    server.requests.length = 0;
    server.reply({ events: completionEvents(['connect opens the database [1].']) });
    const result = await answerQuestion({
      question: 'How does connect reach the database?',
      retrieval: retrievalOf('q', [config]),
      provider: remote,
      readFile: readerFor(root),
      policy: TRUSTED,
    });
    const raw = server.requests.find((r) => r.url.endsWith('/chat/completions'))?.rawBody ?? '';
    assert.ok(raw.length > 0);
    for (const [name, secret] of Object.entries(FAKE)) {
      for (const piece of secret.split('\n')) {
        assert.ok(!raw.includes(piece) && !raw.includes(JSON.stringify(piece).slice(1, -1)), `${name} reached the server`);
      }
    }
    const user = server.chatBodies()[0].messages[1].content;
    assert.match(user, /postgres:\/\/admin:\[REDACTED\]@db\.internal/);
    const codeLines = user.split('\n');
    const open = codeLines.findIndex((l) => l === '```typescript');
    const close = codeLines.indexOf('```', open + 1);
    assert.equal(close - open - 1, 14, 'the redacted source keeps its 14 lines');
    // Citations are checked against the real file, so redaction does not make them stale.
    assert.equal(result.citations[0].status, 'valid');
    assert.ok(result.warnings.some((w) => /10 secrets were replaced by \[REDACTED\]/.test(w)), result.warnings.join(' | '));
  });

  it('refuses a non-local provider when remote use is off or the workspace is untrusted, sending nothing', async () => {
    const config = await chunkAt(root, { path: 'src/config.ts', startLine: 1, endLine: 14, symbol: 'connect' }, 1);
    server.requests.length = 0;
    for (const policy of [undefined, { allowRemote: false, workspaceTrusted: true }, { allowRemote: true, workspaceTrusted: false }]) {
      await assert.rejects(
        answerQuestion({ question: 'q', retrieval: retrievalOf('q', [config]), provider: remote, readFile: readerFor(root), policy }),
        { code: 'remote-refused' },
      );
    }
    assert.equal(server.requests.length, 0);
  });
});
