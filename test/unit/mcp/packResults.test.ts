// search_code's packing: short forms (signature + matching lines) first, whole hits while the budget
// lasts, and never more than the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RetrievedChunk } from '../../../src/core/retrieve/types.js';
import { estimateTokens } from '../../../src/core/tokenEstimate.js';
import { packResults } from '../../../src/mcp/packResults.js';

function hit(path: string, startLine: number, symbol: string, body: string[]): RetrievedChunk {
  const text = [`/** Docs of ${symbol}. */`, `export function ${symbol}(input: string): string {`, ...body, '}'].join('\n');
  return {
    id: `${path}:${startLine}`, path, startLine, endLine: startLine + body.length + 2, language: 'typescript', kind: 'function', contentKind: 'code',
    symbol, parents: [], text, contentHash: '', score: 1, signals: { keyword: { rank: 1 } }, otherLocations: [],
  };
}

const filler = (n: number, word: string) => Array.from({ length: n }, (_, i) => `  const ${word}${i} = input.length + ${i};`);
const hits = Array.from({ length: 40 }, (_, i) => hit(`src/file${i}.ts`, 10 * i + 1, `handler${i}`, [...filler(20, 'value'), '  return retryWithBackoff(input);', ...filler(20, 'other')]));

test('a small budget holds many hits, each as its signature and the lines matching the query', () => {
  const packed = packResults(hits, ['retry', 'backoff'], 1000);
  assert.ok(packed.results.length >= 5, `${packed.results.length} hits in 1000 tokens`);
  assert.ok(estimateTokens(packed.text) <= 1000);
  const second = packed.text.split('\n[2] ')[1].split('\n[3] ')[0];
  assert.match(second, /^src\/file1\.ts:11-54 handler1 \(function\) — keyword #1\n12: export function handler1\(input: string\): string \{\n {2}…\n33: {3}return retryWithBackoff\(input\);$/);
  assert.equal(packed.omitted, 40 - packed.results.length);
});

test('a large budget shows the best hits whole, in rank order, and stays within the budget', () => {
  for (const budget of [200, 2000, 8000, 32000]) {
    const packed = packResults(hits, ['retry', 'backoff'], budget, 'first line');
    assert.ok(packed.usedTokens <= budget && estimateTokens(packed.text) + estimateTokens('first line') <= budget + 1, `budget ${budget}: used ${packed.usedTokens}`);
    const whole = packed.results.map((r) => r.whole);
    assert.deepEqual(whole, [...whole].sort((a, b) => Number(b) - Number(a)), 'whole hits come first in rank order');
  }
  const big = packResults(hits, ['retry'], 32000);
  assert.ok(big.results.filter((r) => r.whole).length >= 10);
  assert.match(big.text, /\n1: \/\*\* Docs of handler0\. \*\/\n2: export function handler0/);
});

test('short forms find the query words in other forms and inside identifiers, as the chat answer does', () => {
  const packed = packResults(hits, ['retries'], 600);
  const first = packed.results.find((r) => !r.whole)!;
  const retryLine = first.chunk.startLine + first.chunk.text.split('\n').findIndex((l) => l.includes('retryWithBackoff'));
  assert.ok(first.shown.includes(retryLine), `line ${retryLine} (retryWithBackoff) is shown for "retries": ${first.shown.join(',')}`);
  assert.ok(first.shown.includes(first.chunk.startLine + 1), 'the declaration line is shown');
  assert.equal(first.shown.length, 2, 'no filler line matches');
});
