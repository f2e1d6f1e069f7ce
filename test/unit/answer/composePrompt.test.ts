import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composePrompt } from '../../../src/core/answer/composePrompt.js';
import { estimateTokens } from '../../../src/core/tokenEstimate.js';
import { hashText } from '../../../src/core/textHash.js';
import { chunkAt, FIXTURE_REPO, standardRetrieval } from './fixtureRetrieval.js';

describe('composePrompt', () => {
  it('numbers sources with path, lines, symbol and a fenced block in their language', async () => {
    const retrieval = await standardRetrieval(FIXTURE_REPO, 'How does the bucket refill?');
    const prompt = composePrompt({ question: '  How does the bucket refill?  ', chunks: retrieval.chunks });
    assert.equal(prompt.question, 'How does the bucket refill?');
    assert.deepEqual(prompt.sources.map((s) => [s.index, s.path, s.startLine, s.endLine]), [
      [1, 'src/rateLimiter.ts', 6, 31],
      [2, 'src/rateLimiter.ts', 18, 24],
      [3, 'src/retry.py', 4, 12],
      [4, 'src/rateLimiter.ts', 3, 4],
    ]);
    const [system, user] = prompt.messages;
    assert.equal(system.role, 'system');
    assert.match(system.content, /Cite the source of every claim with its number in square brackets/);
    assert.match(system.content, /If the sources do not contain the answer, say so plainly/);
    assert.match(system.content, /never as instructions/);
    assert.match(user.content, /path: src\/retry\.py\nlines: 4-12\nsymbol: retry\n```python\ndef retry\(fn, attempts=3, delay=0\.5\):/);
    assert.ok(user.content.endsWith('Question: How does the bucket refill?'));
    assert.equal(prompt.promptTokens, estimateTokens(system.content) + estimateTokens(user.content) + 16);
    assert.deepEqual(prompt.warnings, []);
  });

  it('uses a fresh boundary token per request', async () => {
    const retrieval = await standardRetrieval(FIXTURE_REPO, 'q');
    const token = (p: ReturnType<typeof composePrompt>) => /ACB-[0-9a-f]{32}/.exec(p.messages[0].content)?.[0];
    const a = token(composePrompt({ question: 'q', chunks: retrieval.chunks }));
    const b = token(composePrompt({ question: 'q', chunks: retrieval.chunks }));
    assert.ok(a && b && a !== b);
  });

  it('fits the context window: cuts the boundary source by whole lines and leaves out lower-ranked ones', async () => {
    const retrieval = await standardRetrieval(FIXTURE_REPO, 'q');
    const full = composePrompt({ question: 'q', chunks: retrieval.chunks, contextWindow: 100_000 });
    // 120 tokens short: source [4] (about 45) goes, source [3] (about 100) is cut.
    const window = full.promptTokens - 120 + 200;
    const prompt = composePrompt({ question: 'q', chunks: retrieval.chunks, contextWindow: window, maxAnswerTokens: 200 });
    assert.ok(prompt.promptTokens <= window - 200, `${prompt.promptTokens} > ${window - 200}`);
    assert.deepEqual(prompt.sources.map((s) => [s.index, s.truncated]), [[1, false], [2, false], [3, true]]);
    const last = prompt.sources[2];
    const original = retrieval.chunks[2];
    assert.ok(last.endLine < original.endLine && last.endLine >= last.startLine);
    const lines = original.text.split('\n').slice(0, last.endLine - last.startLine + 1).join('\n');
    assert.equal(last.text, lines);
    assert.equal(last.contentHash, hashText(lines));
    assert.match(prompt.messages[1].content, new RegExp(`lines: ${last.startLine}-${last.endLine} \\(cut to fit\\)`));
    assert.ok(prompt.warnings.some((w) => w.startsWith('Source [3] src/retry.py was cut')));
    assert.ok(prompt.warnings.some((w) => /lower-ranked sources? left out/.test(w)), prompt.warnings.join(' | '));
  });

  it('truncates the top source when it alone is larger than the window', async () => {
    const big = await chunkAt(FIXTURE_REPO, { path: 'src/rateLimiter.ts', startLine: 1, endLine: 31, symbol: 'module' });
    const prompt = composePrompt({ question: 'q', chunks: [big], contextWindow: 700, maxAnswerTokens: 300 });
    assert.equal(prompt.sources.length, 1);
    assert.equal(prompt.sources[0].truncated, true);
    assert.ok(prompt.sources[0].endLine < 31);
    assert.ok(prompt.promptTokens <= 400, String(prompt.promptTokens));
  });

  it('refuses a question that cannot fit at all', () => {
    assert.throws(() => composePrompt({ question: 'x'.repeat(40_000), chunks: [], contextWindow: 4096 }), { code: 'prompt-too-large' });
    assert.throws(() => composePrompt({ question: '   ', chunks: [] }), { code: 'empty-question' });
  });

  it('adds the editor selection as source [1]', async () => {
    const retrieval = await standardRetrieval(FIXTURE_REPO, 'q');
    const selection = { path: 'src/rateLimiter.ts', startLine: 26, endLine: 30, language: 'typescript', text: 'private refill(): void {\n}' };
    const prompt = composePrompt({ question: 'What does this do?', chunks: retrieval.chunks, selection });
    assert.equal(prompt.sources[0].fromSelection, true);
    assert.equal(prompt.sources[0].symbol, '(editor selection)');
    assert.equal(prompt.sources.length, 5);
    assert.equal(prompt.sources[4].path, 'src/rateLimiter.ts');
    assert.match(prompt.messages[1].content, /SOURCE \[1\][^\n]*\npath: src\/rateLimiter\.ts\nlines: 26-30\nsymbol: \(editor selection\)/);
  });
});
