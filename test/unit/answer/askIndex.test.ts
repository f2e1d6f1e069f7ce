// The shared ask path on a real index (real tree-sitter chunks, real LanceDB), and the CLI on top.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AnswerCache, askIndex, ExtractiveProvider, OpenAICompatibleProvider } from '../../../src/core/answer/index.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { byteReaderFor, fileReaderFor } from '../../../src/core/workspacePaths.js';
import { copyFixtureRepo } from './fixtureRetrieval.js';
import { completionEvents, ScriptedChatServer } from './scriptedChatServer.js';

const QUESTION = 'How does the token bucket refill?';

async function indexedFixture(): Promise<{ root: string; dbDir: string }> {
  const root = await copyFixtureRepo();
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ask-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  return { root, dbDir };
}

async function withStore<T>(dbDir: string, f: (store: IndexStore) => Promise<T>): Promise<T> {
  const store = await IndexStore.openExisting(dbDir);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

test('askIndex answers from the index without a model, sources grown small-to-big, every listed place a valid citation', async () => {
  const { root, dbDir } = await indexedFixture();
  const [hit] = (await withStore(dbDir, (store) => searchIndex(store, QUESTION))).chunks;
  const { retrieval, answer } = await withStore(dbDir, (store) =>
    askIndex({ store, question: QUESTION, provider: new ExtractiveProvider(), readFile: fileReaderFor([{ path: root }]), readBytes: byteReaderFor([{ path: root }]) }));
  assert.equal(retrieval.chunks[0].path, 'src/rateLimiter.ts');
  const packed = retrieval.chunks[0];
  assert.ok(packed.startLine <= hit.startLine && packed.endLine >= hit.endLine && packed.endLine - packed.startLine > hit.endLine - hit.startLine,
    `the hit ${hit.startLine}-${hit.endLine} grew (${packed.startLine}-${packed.endLine})`);
  assert.equal(answer.provider, 'extractive');
  assert.ok(answer.citations.length > 0);
  assert.ok(answer.citations.every((c) => c.status === 'valid'), JSON.stringify(answer.citations));
  assert.match(answer.text, /TokenBucket|refill/);
});

test('askIndex streams a model answer, flags a citation of a missing source, and caches per index version', async () => {
  const { root, dbDir } = await indexedFixture();
  const server = await ScriptedChatServer.start();
  try {
    const provider = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'scripted' });
    const cache = await AnswerCache.open();
    server.reply({ events: completionEvents(['Tokens refill continuously [1]', ', see also [9].']) });
    const ask = () => withStore(dbDir, (store) => askIndex({ store, question: QUESTION, provider, cache, readFile: fileReaderFor([{ path: root }]) }));
    const first = (await ask()).answer;
    assert.equal(first.cached, false);
    assert.deepEqual(first.citations.map((c) => [c.marker, c.status]), [['[1]', 'valid'], ['[9]', 'invalid']]);
    assert.equal(server.chatBodies().length, 1);

    const second = (await ask()).answer;
    assert.equal(second.cached, true);
    assert.equal(second.text, first.text);
    assert.equal(server.chatBodies().length, 1, 'a cached answer makes no request');

    // An edit re-indexed changes the index version: the next ask goes to the model again.
    await fs.appendFile(path.join(root, 'src/rateLimiter.ts'), '\nexport const BURST = 3;\n');
    await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
    server.reply({ events: completionEvents(['Fresh answer [1].']) });
    const third = (await ask()).answer;
    assert.equal(third.cached, false);
    assert.equal(third.text, 'Fresh answer [1].');
  } finally {
    await server.close();
  }
});

test('the ask command streams an answer and prints checked citations; --json gives the structured result', async () => {
  const { root, dbDir } = await indexedFixture();
  const server = await ScriptedChatServer.start();
  const cli = path.resolve('src/cli/main.ts');
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'ask', '--root', root, '--db', dbDir, '--no-cache', ...args], { env: { ...process.env, ASK_CODEBASE_LLM_MODEL: '' } });
  try {
    server.reply({ events: completionEvents(['It refills by elapsed time [1].']) });
    const text = await run(QUESTION, '--provider', 'openai', '--llm-url', server.baseURL, '--llm-model', 'scripted');
    assert.match(text.stdout, /^It refills by elapsed time \[1\]\./);
    assert.match(text.stdout, /\[1\] src\/rateLimiter\.ts:\d+-\d+.*✓/);

    const json = JSON.parse((await run(QUESTION, '--provider', 'extractive', '--json')).stdout);
    assert.equal(json.provider, 'extractive');
    assert.ok(json.sources.length > 0 && json.sources.every((s: { status: string }) => s.status === 'valid'));

    await assert.rejects(run('   '), (err: { code: number; stderr: string }) => err.code === 2 && /question is empty/.test(err.stderr));
    await assert.rejects(run(QUESTION, '--db', path.join(dbDir, 'missing')), (err: { code: number; stderr: string }) => err.code === 2 && /No (readable )?index/.test(err.stderr));
  } finally {
    await server.close();
  }
});
