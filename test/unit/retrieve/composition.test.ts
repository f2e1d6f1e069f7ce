import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { collapseNearDuplicates, jaccard, nearDuplicateGroups, shingles } from '../../../src/core/retrieve/nearDuplicates.js';
import { packContext } from '../../../src/core/retrieve/packContext.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import type { RetrievedChunk } from '../../../src/core/retrieve/types.js';
import { estimateTokens } from '../../../src/core/tokenEstimate.js';
import { hashText } from '../../../src/core/textHash.js';
import { indexOf } from './tempIndex.js';

const retryTs = (name: string, extra = '') => `export function ${name}(attempts: number, baseDelayMs: number): number[] {
  const delays: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const jitter = Math.floor(Math.random() * baseDelayMs);
    delays.push(baseDelayMs * 2 ** attempt + jitter);${extra}
  }
  return delays;
}
`;

function chunk(id: string, p: string, text: string, score: number): RetrievedChunk {
  return { id, path: p, startLine: 1, endLine: text.split('\n').length, language: 'typescript', kind: 'function', contentKind: 'code', symbol: id, parents: [], text, contentHash: hashText(text), score, signals: {}, otherLocations: [] };
}

test('shingle Jaccard finds a copy with one changed line, not a different function', () => {
  const a = shingles(retryTs('backoffDelays'));
  assert.ok(jaccard(a, shingles(retryTs('backoffDelays', ' // capped'))) >= 0.8);
  assert.ok(jaccard(a, shingles('export function parseConfigFile(p: string) {\n  const text = readFileSync(p, "utf8");\n  return JSON.parse(text) as Config;\n}\n')) < 0.2);
  assert.equal(shingles('}').size, 0, 'tiny chunks are never duplicates');
});

test('collapse keeps the most recently modified copy at the best rank and lists the others', () => {
  const chunks = [chunk('a', 'vendor/old/retry.ts', retryTs('backoffDelays'), 3), chunk('b', 'src/other.ts', 'export const unrelated = 1;\n'.repeat(5), 2), chunk('c', 'src/retry.ts', retryTs('backoffDelays', ' // capped'), 1)];
  const mtimes = new Map([['vendor/old/retry.ts', 1_000], ['src/retry.ts', 2_000]]);
  const out = collapseNearDuplicates(chunks, { mtimes });
  assert.deepEqual(out.map((c) => c.path), ['src/retry.ts', 'src/other.ts']);
  assert.equal(out[0].score, 3, 'the group keeps its best rank');
  assert.deepEqual(out[0].otherLocations.map((l) => l.path), ['vendor/old/retry.ts']);
  assert.equal(out[0].nearDuplicates, 1);
});

test('with vectors, cosine decides', () => {
  const chunks = [chunk('a', 'a.ts', 'alpha beta', 2), chunk('b', 'b.ts', 'gamma delta', 1)];
  const same = new Map([['a', Float32Array.from([1, 0])], ['b', Float32Array.from([0.99, 0.05])]]);
  assert.deepEqual(nearDuplicateGroups(chunks, { vectors: same }), [[0, 1]]);
  const apart = new Map([['a', Float32Array.from([1, 0])], ['b', Float32Array.from([0, 1])]]);
  assert.deepEqual(nearDuplicateGroups(chunks, { vectors: apart }), [[0], [1]]);
});

test('search collapses near-duplicate files in a real index, keeping the newest copy', async () => {
  const { store } = await indexOf(
    { 'packages/react/src/backoff.ts': retryTs('computeBackoffDelays'), 'packages/vue/src/backoff.ts': retryTs('computeBackoffDelays', ' // same'), 'src/config.ts': 'export function loadConfig() {\n  return {};\n}\n' },
    { mtimes: { 'packages/react/src/backoff.ts': new Date('2024-01-01'), 'packages/vue/src/backoff.ts': new Date('2025-06-01') } },
  );
  try {
    const r = await searchIndex(store, 'computeBackoffDelays jitter attempts');
    const hits = r.chunks.filter((c) => c.path.endsWith('backoff.ts'));
    assert.equal(hits.length, 1, 'two copies take one slot');
    assert.equal(hits[0].path, 'packages/vue/src/backoff.ts', 'the most recently modified copy is kept');
    assert.deepEqual(hits[0].otherLocations.map((l) => l.path), ['packages/react/src/backoff.ts']);
    const off = await searchIndex(store, 'computeBackoffDelays jitter attempts', { nearDuplicates: false });
    assert.equal(off.chunks.filter((c) => c.path.endsWith('backoff.ts')).length, 2);
  } finally {
    await store.close();
  }
});

// 150 lines: cut into three chunks at the default 60 lines, so the chunk before the hit is a
// neighbour smaller than the whole class.
const classFile = `export class RateLimiter {
  private tokens = 10;
  private readonly refillPerSecond = 5;

${Array.from({ length: 20 }, (_, i) => `  method${i}(input: number): number {
    const scaled = input * ${i + 2};
    const bounded = Math.min(scaled, this.tokens);
    this.tokens -= bounded > 0 ? 1 : 0;
    return bounded + this.refillPerSecond;
  }
`).join('\n')}
  tryAcquireToken(): boolean {
    if (this.tokens <= 0) return false;
    this.tokens -= 1;
    return true;
  }
}
`;

test('packContext grows a hit to its enclosing class when the budget allows, and never exceeds it', async () => {
  const { root, store } = await indexOf({ 'src/limiter.ts': classFile, 'src/other.ts': 'export function unrelatedHelper() {\n  return 42;\n}\n' });
  try {
    const lines = (await fs.readFile(path.join(root, 'src/limiter.ts'), 'utf8')).split('\n');
    const rows = await store.chunksOfFile('src/limiter.ts');
    assert.ok(rows.length >= 3, `the class is cut into several chunks (${rows.length})`);
    const r = await searchIndex(store, 'tryAcquireToken', { k: 1 });
    const hit = r.chunks[0];
    assert.equal(hit.path, 'src/limiter.ts');

    const small = await packContext(r, store, { budgetTokens: estimateTokens(hit.text) });
    assert.equal(small.chunks.length, 1);
    assert.equal(small.chunks[0].growth, 'none', 'no budget left to grow');
    assert.ok(small.usedTokens <= small.budgetTokens);

    const readFile = (p: string) => fs.readFile(path.join(root, p));
    const noReader = await packContext(r, store, { budgetTokens: 10_000 });
    assert.notEqual(noReader.chunks[0].growth, 'symbol', 'without the file, lines between chunks are unknown: no growth across them');
    assert.equal(noReader.chunks[0].text, lines.slice(noReader.chunks[0].startLine - 1, noReader.chunks[0].endLine).join('\n'));

    const big = await packContext(r, store, { budgetTokens: 10_000, readFile });
    const p = big.chunks[0];
    assert.equal(p.growth, 'symbol');
    assert.match(p.symbol, /RateLimiter/);
    assert.equal(p.startLine, 1);
    assert.ok(p.startLine <= hit.startLine && p.endLine >= hit.endLine);
    assert.equal(p.text, lines.slice(p.startLine - 1, p.endLine).join('\n'), 'exact text of the packed lines');
    assert.equal(p.contentHash, hashText(p.text));
    assert.ok(big.usedTokens <= big.budgetTokens);
    assert.deepEqual(p.hits.map((h) => h.startLine), [hit.startLine]);

    // Room for the hit and the chunk before it, not for the whole class: grows by a neighbour.
    const before = rows.filter((c) => c.end_line < hit.startLine).sort((a, b) => b.end_line - a.end_line)[0];
    assert.ok(before, 'a chunk of the class precedes the hit');
    const withBefore = estimateTokens(lines.slice(before.start_line - 1, hit.endLine).join('\n'));
    assert.ok(withBefore < estimateTokens(p.text), `${withBefore} tokens hold a neighbour but not the class`);
    const mid = await packContext(r, store, { budgetTokens: withBefore, readFile });
    assert.ok(mid.usedTokens <= mid.budgetTokens, `${mid.usedTokens} ≤ ${mid.budgetTokens}`);
    const m = mid.chunks[0];
    assert.equal(m.growth, 'neighbours');
    assert.ok(m.startLine <= hit.startLine && m.endLine >= hit.endLine, 'the grown range holds the hit');
    assert.ok(m.endLine - m.startLine > hit.endLine - hit.startLine, `grew beyond lines ${hit.startLine}-${hit.endLine}: ${m.startLine}-${m.endLine}`);
    assert.equal(m.text, lines.slice(m.startLine - 1, m.endLine).join('\n'));

    const none = await packContext(r, store, { budgetTokens: 3 });
    assert.equal(none.chunks.length, 0);
    assert.equal(none.omitted, 1);
  } finally {
    await store.close();
  }
});
