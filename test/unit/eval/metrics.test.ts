import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRecord } from '../../../src/core/eval/dataset.js';
import { aggregate, buildReport, fileRanking, formatTable, percentile, scoreQuery, sliceTable } from '../../../src/core/eval/metrics.js';

const record = (over: Partial<EvalRecord> = {}): EvalRecord => ({
  id: 'q1', repo: 'o/r', commit: 'c', query: 'q',
  gold: [{ path: 'a.ts', start: 10, end: 12 }, { path: 'b.ts', start: 5, end: 5 }],
  gold_files: ['a.ts', 'b.ts'], meta: { query_mentions_gold_stem: [] }, ...over,
});
const chunk = (p: string, s: number, e: number) => ({ path: p, startLine: s, endLine: e });

test('file ranking is the order of first appearance, paths normalised', () => {
  assert.deepEqual(fileRanking([chunk('x', 1, 2), chunk('./a.ts', 1, 2), chunk('x', 3, 4), chunk('a.ts', 9, 9), chunk('b.ts', 1, 1)]), ['x', 'a.ts', 'b.ts']);
});

test('recall, accuracy, MRR and LineHit by hand (two gold files)', () => {
  // File ranks: x 1, a 2, y 3, z 4, w 5, v 6, b 7. Chunk ranks: b.ts is chunk 7.
  const chunks = [chunk('x.ts', 1, 60), chunk('a.ts', 1, 9), chunk('y.ts', 1, 5), chunk('z.ts', 1, 5), chunk('w.ts', 1, 5), chunk('v.ts', 1, 5), chunk('b.ts', 5, 5)];
  const s = scoreQuery(record(), chunks, 12);
  assert.equal(s.r1, 0);
  assert.equal(s.r5, 0.5);
  assert.equal(s.r10, 1);
  assert.equal(s.acc5, 0);
  assert.equal(s.acc10, 1);
  assert.equal(s.mrr, 1 / 2);
  assert.equal(s.lineHit5, 0, 'a.ts:1-9 ends before the gold 10-12');
  assert.equal(s.lineHit10, 1, 'b.ts:5-5 touches the single-line gold anchor');
});

test('three gold files: partial recall, accuracy needs all of them', () => {
  const r = record({
    gold: [{ path: 'a', start: 1, end: 1 }, { path: 'b', start: 1, end: 1 }, { path: 'c', start: 1, end: 1 }],
    gold_files: ['a', 'b', 'c'],
  });
  const s = scoreQuery(r, [chunk('n1', 1, 1), chunk('b', 50, 60), chunk('c', 70, 80), chunk('n2', 1, 1)], 0);
  assert.equal(s.r1, 0);
  assert.equal(s.r5, 2 / 3);
  assert.equal(s.r10, 2 / 3);
  assert.equal(s.acc10, 0, 'a is never ranked');
  assert.equal(s.mrr, 1 / 2);
  assert.equal(s.lineHit10, 0, 'right files, wrong lines');
});

test('repeated chunks of one file take one file rank (ties at file level)', () => {
  // Ten chunks of noise.ts, then a.ts: a.ts is file rank 2 although it is chunk rank 11.
  const chunks = [...Array.from({ length: 10 }, (_, i) => chunk('noise.ts', i * 10 + 1, i * 10 + 10)), chunk('a.ts', 11, 11)];
  const s = scoreQuery(record({ gold: [{ path: 'a.ts', start: 10, end: 12 }], gold_files: ['a.ts'] }), chunks, 0);
  assert.equal(s.r1, 0);
  assert.equal(s.r5, 1);
  assert.equal(s.mrr, 0.5);
  assert.equal(s.lineHit10, 0, 'LineHit counts chunks, and a.ts is the 11th chunk');
});

test('overlap edges: touching ends count, adjacent lines do not', () => {
  const r = record({ gold: [{ path: 'a.ts', start: 10, end: 10 }], gold_files: ['a.ts'] });
  assert.equal(scoreQuery(r, [chunk('a.ts', 10, 10)], 0).lineHit5, 1, 'start == end == gold line');
  assert.equal(scoreQuery(r, [chunk('a.ts', 1, 10)], 0).lineHit5, 1, 'chunk ends on the anchor');
  assert.equal(scoreQuery(r, [chunk('a.ts', 10, 70)], 0).lineHit5, 1, 'chunk starts on the anchor');
  assert.equal(scoreQuery(r, [chunk('a.ts', 1, 9)], 0).lineHit5, 0, 'chunk ends one line before');
  assert.equal(scoreQuery(r, [chunk('a.ts', 11, 20)], 0).lineHit5, 0, 'chunk starts one line after');
  assert.equal(scoreQuery(r, [chunk('b.ts', 10, 10)], 0).lineHit5, 0, 'same lines, other file');
});

test('no gold file ranked, or nothing ranked at all, scores zero', () => {
  for (const chunks of [[chunk('x.ts', 1, 5)], []]) {
    const s = scoreQuery(record(), chunks, 1);
    assert.deepEqual([s.r1, s.r5, s.r10, s.acc5, s.acc10, s.mrr, s.lineHit5, s.lineHit10], [0, 0, 0, 0, 0, 0, 0, 0]);
  }
});

test('gold at rank 1 and gold just past the cut-off', () => {
  const r = record({ gold: [{ path: 'g', start: 3, end: 4 }], gold_files: ['g'] });
  const first = scoreQuery(r, [chunk('g', 1, 3)], 0);
  assert.deepEqual([first.r1, first.mrr, first.lineHit5], [1, 1, 1]);
  const eleventh = scoreQuery(r, [...Array.from({ length: 10 }, (_, i) => chunk(`n${i}`, 1, 1)), chunk('g', 3, 3)], 0);
  assert.deepEqual([eleventh.r10, eleventh.acc10, eleventh.lineHit10, eleventh.mrr], [0, 0, 0, 1 / 11]);
});

test('percentiles are nearest-rank', () => {
  assert.equal(percentile([], 0.5), 0);
  assert.equal(percentile([7], 0.95), 7);
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(hundred, 0.5), 50);
  assert.equal(percentile(hundred, 0.95), 95);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
});

test('aggregates are micro-averages with latency percentiles and leak slices', () => {
  const a = scoreQuery(record({ id: 'a', lang: 'TypeScript' }), [chunk('a.ts', 10, 10), chunk('b.ts', 1, 9)], 10);
  const b = scoreQuery(record({ id: 'b', repo: 'o/s', lang: 'Go', meta: { query_mentions_gold_stem: ['a'] } }), [chunk('q.ts', 1, 1)], 30);
  const c = scoreQuery(record({ id: 'c', repo: 'o/s', lang: 'Go' }), [chunk('b.ts', 5, 5)], 20);
  const agg = aggregate([a, b, c]);
  assert.equal(agg.n, 3);
  assert.equal(agg.r1, (0.5 + 0 + 0.5) / 3);
  assert.equal(agg.mrr, 2 / 3);
  assert.equal(agg.lineHit5, 2 / 3);
  assert.equal(agg.p50Ms, 20);
  assert.equal(agg.p95Ms, 30);
  const slices = sliceTable([a, b, c]);
  assert.deepEqual(slices.map((r) => [r.label, r.agg.n]), [
    ['o/r', 1], ['o/s', 2], ['**all (micro)**', 3], ['TypeScript repos only', 1],
    ['query names a gold file stem (flagged)', 1], ['query names no gold file (unflagged)', 2],
  ]);
  // Per repo o/s: b misses, c ranks b.ts first (R@1 = 1/2 of two gold files).
  assert.equal(slices[1].agg.r1, 0.25);
  assert.equal(sliceTable([a, b, c], new Set(['o/s'])).find((r) => r.label === 'TypeScript repos only')?.agg.n, 2);
});

test('formatTable prints one markdown row per slice with the chunking and file counts', () => {
  const a = scoreQuery(record({ id: 'a' }), [chunk('a.ts', 10, 10)], 10);
  const text = formatTable(buildReport('bm25', '60-line windows', [a], { 'o/r': 1182 }));
  const lines = text.split('\n');
  assert.equal(lines[0], 'bm25 (chunks: 60-line windows)');
  assert.match(lines[2], /^\| slice \| n \| files indexed \| R@1 /);
  assert.equal(lines[4], '| o/r | 1 | 1,182 | 0.500 | 0.500 | 0.500 | 0.000 | 0.000 | 1.000 | 1.000 | 1.000 | 10 | 10 |');
  assert.equal(lines.length, 4 + 4, 'repo, all, flagged, unflagged rows');
});

test('dev set 2 flags a query with a boolean, dev set 1 with a list of stems', () => {
  const chunks = [chunk('a.ts', 10, 12)];
  assert.equal(scoreQuery(record({ meta: { query_mentions_gold_stem: true } }), chunks, 1).flagged, true);
  assert.equal(scoreQuery(record({ meta: { query_mentions_gold_stem: false } }), chunks, 1).flagged, false);
  assert.equal(scoreQuery(record({ meta: { query_mentions_gold_stem: ['a'] } }), chunks, 1).flagged, true);
  assert.equal(scoreQuery(record({ meta: { query_mentions_gold_stem: [] } }), chunks, 1).flagged, false);
});
