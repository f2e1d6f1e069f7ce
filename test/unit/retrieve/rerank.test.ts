import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CrossEncoderReranker, relevanceFromLogits } from '../../../src/core/retrieve/crossEncoderReranker.js';
import { LlmJudgeReranker, parseGrades } from '../../../src/core/retrieve/llmJudgeReranker.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { completionEvents, ScriptedChatServer } from '../answer/scriptedChatServer.js';
import { indexOf } from './tempIndex.js';

const files = {
  'src/retry.ts': 'export function retryWithBackoff(fn: () => Promise<void>, attempts: number) {\n  // retry the request with exponential backoff\n  return fn();\n}\n',
  'src/request.ts': 'export function sendRequest(url: string) {\n  // send the request, no retry here\n  return fetch(url);\n}\n',
  'src/log.ts': 'export function logRequest(url: string) {\n  console.log("request", url);\n}\n',
};

test('grades are read leniently; missing or malformed ones count as 0', () => {
  assert.deepEqual(parseGrades('1: 3\n[2] 1\n3 - 2\n9: 3\nnoise\n', 4), [3, 1, 2, 0]);
  assert.deepEqual(parseGrades('I think snippet one is best.', 2), [0, 0]);
});

test('cross-encoder logits become one relevance per pair', () => {
  assert.deepEqual(relevanceFromLogits(Float32Array.from([2.5, -1]), [2, 1]), [2.5, -1]);
  const two = relevanceFromLogits(Float32Array.from([0, 0, -2, 2]), [2, 2]);
  assert.ok(Math.abs(two[0] - 0.5) < 1e-9 && two[1] > 0.98);
});

test('the LLM judge reorders results over a real OpenAI-compatible HTTP exchange', async () => {
  const server = await ScriptedChatServer.start();
  const { store } = await indexOf(files);
  try {
    const judge = new LlmJudgeReranker({ baseURL: server.baseURL, model: 'judge-model' });
    const first = await searchIndex(store, 'request retry');
    assert.ok(first.chunks.length >= 2);
    const target = first.chunks.findIndex((c) => c.path === 'src/log.ts');
    assert.ok(target > 0, 'the judge will promote a chunk that is not first');
    const grades = first.chunks.map((_, i) => `${i + 1}: ${i === target ? 3 : 0}`).join('\n');
    server.reply({ events: completionEvents([grades.slice(0, 5), grades.slice(5)], 'judge-model') });
    const r = await searchIndex(store, 'request retry', { reranker: judge });
    assert.equal(r.chunks[0].path, 'src/log.ts');
    assert.deepEqual(r.chunks[0].signals.rerank, { rank: 1, score: 3 });
    assert.ok(r.chunks.every((c, i) => i === 0 || c.score <= r.chunks[i - 1].score), 'scores follow the new order');
    const body = server.chatBodies()[0];
    assert.equal(body.model, 'judge-model');
    assert.match(body.messages[1].content, /Question: request retry/);
    assert.match(body.messages[1].content, /\[1\] src\/\w+\.ts:1-\d+/);

    // A failing judge leaves the first-stage order and says why.
    server.reply({ status: 503, error: 'overloaded' });
    const failed = await searchIndex(store, 'request retry', { reranker: judge });
    assert.deepEqual(failed.chunks.map((c) => c.id), first.chunks.map((c) => c.id));
    assert.ok(failed.warnings.some((w) => /Reranking with llm:judge-model failed.*HTTP 503/.test(w)), failed.warnings.join('; '));
  } finally {
    await store.close();
    await server.close();
  }
});

test('a judge with a bad URL or no model is refused at once', () => {
  assert.throws(() => new LlmJudgeReranker({ baseURL: 'not a url', model: 'm' }), (e: unknown) => e instanceof AskCodebaseError && e.code === 'reranker-config');
  assert.throws(() => new LlmJudgeReranker({ baseURL: 'http://127.0.0.1:1/v1', model: '' }), (e: unknown) => e instanceof AskCodebaseError && /Name the judge model/.test(e.message));
});

test('a cross-encoder that is not on disk fails to load with a clear message', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-models-'));
  await assert.rejects(CrossEncoderReranker.create({ modelId: 'Xenova/ms-marco-MiniLM-L-6-v2', localModelPath: dir, allowRemote: false }), (e: unknown) => {
    assert.ok(e instanceof AskCodebaseError);
    assert.equal(e.code, 'reranker-unavailable');
    assert.match(e.message, /cross-encoder model "Xenova\/ms-marco-MiniLM-L-6-v2" could not be loaded in .*acb-models-.*downloads are off/);
    return true;
  });
});
