// The OpenAI-compatible provider and answerQuestion against a real HTTP server on loopback.
import assert from 'node:assert/strict';
import { writeFile, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { answerQuestion } from '../../../src/core/answer/answerQuestion.js';
import { OpenAICompatibleProvider, isLoopbackHost } from '../../../src/core/answer/openAICompatibleProvider.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { copyFixtureRepo, readerFor, standardRetrieval } from './fixtureRetrieval.js';
import { completionEvents, ScriptedChatServer } from './scriptedChatServer.js';

async function collect(iter: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const s of iter) out.push(s);
  return out;
}

describe('OpenAICompatibleProvider over real HTTP', () => {
  let server: ScriptedChatServer;
  let root: string;
  let provider: OpenAICompatibleProvider;

  before(async () => {
    server = await ScriptedChatServer.start();
    root = await copyFixtureRepo();
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    provider = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'test-model', apiKey: 'test-key', maxRetries: 2 });
  });

  it('streams a normal reply and sends a proper streaming request', async () => {
    server.reply({ events: completionEvents(['Tokens ', 'refill ', 'per second [1].']) });
    const pieces = await collect(provider.stream([{ role: 'user', content: 'hi' }], { maxTokens: 50 }));
    assert.deepEqual(pieces, ['Tokens ', 'refill ', 'per second [1].']);
    const [body] = server.chatBodies();
    assert.equal(body.model, 'test-model');
    assert.equal(body.stream, true);
    assert.equal(body.max_tokens, 50);
    assert.deepEqual(body.messages, [{ role: 'user', content: 'hi' }]);
    assert.equal(server.requests[0].headers.authorization, 'Bearer test-key');
    assert.equal(provider.isLocal, true);
    assert.equal(await provider.available(), true);
  });

  it('skips chunks of the wrong shape and keeps the text', async () => {
    const events = completionEvents(['a', 'b']);
    events.splice(2, 0, { id: 'x', object: 'chat.completion.chunk', choices: [] }, { id: 'y', choices: [{ index: 0, delta: { content: null } }] }, { id: 'z' });
    server.reply({ events });
    assert.deepEqual(await collect(provider.stream([{ role: 'user', content: 'q' }], {})), ['a', 'b']);
  });

  it('reports a chunk that is not JSON as a bad response', async () => {
    server.reply({ events: ['{"choices": [ {"delta": ', '[DONE]'] });
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-bad-response');
      return true;
    });
  });

  it('reports a disconnect mid-stream, and answerQuestion keeps the partial text as incomplete', async () => {
    server.reply({ events: completionEvents(['First part [1]. ', 'second part', ' never sent']), disconnectAfter: 3, eventDelayMs: 30 });
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-disconnected');
      return true;
    });

    server.reply({ events: completionEvents(['First part [1]. ', 'second part', ' never sent']), disconnectAfter: 3, eventDelayMs: 30 });
    const deltas: string[] = [];
    const result = await answerQuestion({
      question: 'How does the bucket refill?',
      retrieval: await standardRetrieval(root, 'How does the bucket refill?'),
      provider,
      readFile: readerFor(root),
      onDelta: (d) => deltas.push(d),
    });
    assert.equal(result.complete, false);
    assert.equal(result.text, 'First part [1]. second part');
    assert.equal(deltas.join(''), result.text);
    assert.ok(result.warnings.some((w) => w.startsWith('The answer is incomplete')));
    assert.equal(result.citations[0].status, 'valid');
  });

  it('retries after 429, honouring Retry-After, then succeeds', async () => {
    server.reply(
      { status: 429, headers: { 'retry-after': '0.3' }, error: 'slow down' },
      { status: 429, headers: { 'retry-after-ms': '100' }, error: 'slow down' },
      { events: completionEvents(['ok']) },
    );
    const started = Date.now();
    assert.deepEqual(await collect(provider.stream([{ role: 'user', content: 'q' }], {})), ['ok']);
    const waited = Date.now() - started;
    assert.equal(server.chatBodies().length, 3);
    assert.ok(waited >= 380, `waited ${waited} ms, expected at least the 300 + 100 ms asked for`);
  });

  it('gives up on 429 after the retry bound with a clear error', async () => {
    server.reply(...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after': '0' }, error: 'slow down' })));
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-rate-limited');
      return true;
    });
    assert.equal(server.chatBodies().length, 3);
  });

  it('cancels a very slow stream through the AbortSignal', async () => {
    server.reply({ events: completionEvents(['slow ', 'slower ', 'slowest']), eventDelayMs: 2000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], { signal: controller.signal })), (e: AskCodebaseError) => {
      assert.equal(e.code, 'cancelled');
      return true;
    });
    assert.ok(Date.now() - started < 1500, 'cancellation must not wait for the server');
  });

  it('cancels while waiting out a Retry-After', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '10' } }, { events: completionEvents(['late']) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], { signal: controller.signal })), { code: 'cancelled' });
    server.reply(); // the queued success stays unused
    assert.equal(server.chatBodies().length, 1);
    await collect(provider.stream([{ role: 'user', content: 'drain' }], {}));
  });

  it('explains 401 and 404', async () => {
    server.reply({ status: 401, error: 'bad key' });
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-auth');
      assert.match(e.message, /rejected the API key \(401\)/);
      return true;
    });
    server.reply({ status: 404, error: 'no such model' });
    await assert.rejects(collect(provider.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-not-found');
      assert.match(e.message, /model "test-model"/);
      return true;
    });
  });

  it('explains a refused connection and reports the server unavailable', async () => {
    const port = await closedPort();
    const dead = new OpenAICompatibleProvider({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm' });
    assert.equal(await dead.available(), false);
    await assert.rejects(collect(dead.stream([{ role: 'user', content: 'q' }], {})), (e: AskCodebaseError) => {
      assert.equal(e.code, 'provider-unreachable');
      assert.match(e.message, /connection refused/);
      return true;
    });
  });

  it('reports a timeout when the server never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const slow = new OpenAICompatibleProvider({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 300 });
    try {
      await assert.rejects(collect(slow.stream([{ role: 'user', content: 'q' }], {})), { code: 'provider-timeout' });
    } finally {
      silent.close();
      silent.unref();
    }
  });

  it('flags a citation of a source number that does not exist', async () => {
    server.reply({ events: completionEvents(['The bucket refills continuously [1], see also [9].']) });
    const result = await answerQuestion({
      question: 'How does the bucket refill?',
      retrieval: await standardRetrieval(root, 'How does the bucket refill?'),
      provider,
      readFile: readerFor(root),
    });
    assert.equal(result.sources.length, 4);
    assert.deepEqual(
      result.citations.map((c) => [c.marker, c.status]),
      [['[1]', 'valid'], ['[9]', 'invalid']],
    );
    assert.match(result.citations[1].reason ?? '', /no source \[9\]/);
    assert.ok(result.warnings.some((w) => /1 citation does not match/.test(w)));
  });

  it('flags a path citation outside the file, and accepts one inside a source', async () => {
    server.reply({ events: completionEvents(['See src/rateLimiter.ts:19-23 and ', 'src/rateLimiter.ts:400-420.']) });
    const seen: string[] = [];
    const result = await answerQuestion({
      question: 'Where is tryTake?',
      retrieval: await standardRetrieval(root, 'Where is tryTake?'),
      provider,
      readFile: readerFor(root),
      onCitation: (c) => seen.push(`${c.marker}=${c.status}`),
    });
    assert.deepEqual(
      result.citations.map((c) => [c.marker, c.status, c.sourceIndex]),
      [['src/rateLimiter.ts:19-23', 'valid', 1], ['src/rateLimiter.ts:400-420', 'invalid', undefined]],
    );
    assert.match(result.citations[1].reason ?? '', /outside src\/rateLimiter.ts \(31 lines\)/);
    assert.deepEqual(seen.sort(), ['src/rateLimiter.ts:19-23=valid', 'src/rateLimiter.ts:400-420=invalid']);
  });

  it('marks citations stale when the file changed on disk, with the new range when the code moved', async () => {
    const dir = await copyFixtureRepo();
    const retrieval = await standardRetrieval(dir, 'How does retry work?');
    const file = path.join(dir, 'src/retry.py');
    await writeFile(file, `# a new header line\n# and another\n${await readFile(file, 'utf8')}`);
    const ts = path.join(dir, 'src/rateLimiter.ts');
    await writeFile(ts, (await readFile(ts, 'utf8')).replace('this.tokens -= 1;', 'this.tokens -= 2;'));
    server.reply({ events: completionEvents(['retry loops [3]; tryTake takes a token [2]; the default is 10 [4].']) });
    const result = await answerQuestion({ question: 'How does retry work?', retrieval, provider, readFile: readerFor(dir) });
    const byIndex = new Map(result.citations.map((c) => [c.sourceIndex, c]));
    assert.equal(byIndex.get(3)?.status, 'stale');
    assert.deepEqual(byIndex.get(3)?.movedTo, { startLine: 6, endLine: 14 });
    assert.equal(byIndex.get(2)?.status, 'stale');
    assert.equal(byIndex.get(2)?.movedTo, undefined);
    assert.equal(byIndex.get(4)?.status, 'valid');
    assert.deepEqual(result.sources.map((s) => s.status), ['stale', 'stale', 'stale', 'valid']);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'api.localhost']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['api.openai.com', '10.0.0.1', '192.168.1.2', '128.0.0.1', 'localhost.evil.com']) assert.equal(isLoopbackHost(h), false, h);
  });
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

