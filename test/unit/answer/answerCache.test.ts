import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AnswerCache, normalizeQuestion } from '../../../src/core/answer/answerCache.js';
import { answerQuestion } from '../../../src/core/answer/answerQuestion.js';
import { ExtractiveProvider } from '../../../src/core/answer/extractiveProvider.js';
import { copyFixtureRepo, readerFor, standardRetrieval } from './fixtureRetrieval.js';

describe('AnswerCache', () => {
  it('normalizes case and whitespace', () => {
    assert.equal(normalizeQuestion('  How  does\tRETRY\nwork? '), 'how does retry work?');
  });

  it('returns a cached answer for the same question, index version, provider and model, re-checked against disk', async () => {
    const root = await copyFixtureRepo();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'acb-cache-'));
    const cache = await AnswerCache.open({ dir });
    const provider = new ExtractiveProvider();
    const ask = async (question: string, indexVersion: string) =>
      answerQuestion({ question, retrieval: await standardRetrieval(root, question), provider, readFile: readerFor(root), cache, indexVersion });

    const first = await ask('How does retry work?', 'v1');
    assert.equal(first.cached, false);
    const again = await ask('  how DOES   retry work? ', 'v1');
    assert.equal(again.cached, true);
    assert.equal(again.text, first.text);
    assert.deepEqual(again.citations, first.citations);
    assert.equal((await ask('How does retry work?', 'v2')).cached, false, 'a new index version misses');

    // Reopened from disk, and a changed file turns its citations stale instead of replaying 'valid'.
    const reopened = await AnswerCache.open({ dir });
    assert.equal(reopened.size, 2);
    await writeFile(path.join(root, 'src/retry.py'), 'import time\n');
    const replay = await answerQuestion({
      question: 'how does retry work?',
      retrieval: await standardRetrieval(await copyFixtureRepo(), 'q'),
      provider,
      readFile: readerFor(root),
      cache: reopened,
      indexVersion: 'v1',
    });
    assert.equal(replay.cached, true);
    assert.equal(replay.citations.find((c) => c.sourceIndex === 3)?.status, 'stale');
    assert.ok(replay.warnings.some((w) => /changed since indexing/.test(w)));
    const onDisk = JSON.parse(await readFile(path.join(dir, 'answer-cache.json'), 'utf8'));
    assert.equal(onDisk.version, 1);
    assert.equal(onDisk.entries.length, 2);
  });

  it('keys on provider and model and evicts the least recently used', async () => {
    const cache = await AnswerCache.open({ maxEntries: 2 });
    const result = (text: string) => ({ question: 'q', text, provider: 'openai', cached: false, complete: true, citations: [], sources: [], promptTokens: 1, warnings: [] });
    const key = (question: string, model = 'a') => ({ question, indexVersion: 'v', provider: 'openai', model });
    await cache.set(key('one'), result('1'));
    await cache.set(key('two'), result('2'));
    assert.equal(cache.get(key('one', 'b')), undefined, 'another model misses');
    assert.equal(cache.get(key('ONE'))?.text, '1'); // touch: 'two' is now the oldest
    await cache.set(key('three'), result('3'));
    assert.equal(cache.size, 2);
    assert.equal(cache.get(key('two')), undefined);
    assert.equal(cache.get(key('one'))?.text, '1');
    assert.equal(cache.get(key('three'))?.text, '3');
  });

  it('reports a damaged cache file instead of silently dropping it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'acb-cache-'));
    await writeFile(path.join(dir, 'answer-cache.json'), '{ not json');
    await assert.rejects(AnswerCache.open({ dir }), { code: 'answer-cache-corrupt' });
  });
});
