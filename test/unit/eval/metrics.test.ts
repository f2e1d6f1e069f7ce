import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readDataset, type EvalRecord } from '../../../src/core/eval/dataset.js';
import { aggregate, fileRanking, scoreQuery, sliceTable } from '../../../src/core/eval/metrics.js';
import { AskCodebaseError } from '../../../src/core/types.js';

const record = (over: Partial<EvalRecord> = {}): EvalRecord => ({
  id: 'q1', repo: 'o/r', commit: 'c', query: 'q',
  gold: [{ path: 'a.ts', start: 10, end: 12 }, { path: 'b.ts', start: 5, end: 5 }],
  gold_files: ['a.ts', 'b.ts'], meta: { query_mentions_gold_stem: [] }, ...over,
});
const chunk = (p: string, s: number, e: number) => ({ path: p, startLine: s, endLine: e });

test('file ranking is the order of first appearance', () => {
  assert.deepEqual(fileRanking([chunk('x', 1, 2), chunk('a.ts', 1, 2), chunk('x', 3, 4), chunk('b.ts', 1, 1)]), ['x', 'a.ts', 'b.ts']);
});

test('recall, accuracy, MRR and LineHit by hand', () => {
  const chunks = [chunk('x.ts', 1, 60), chunk('a.ts', 1, 9), chunk('y.ts', 1, 5), chunk('z.ts', 1, 5), chunk('w.ts', 1, 5), chunk('v.ts', 1, 5), chunk('b.ts', 5, 5)];
  const s = scoreQuery(record(), chunks, 12);
  assert.equal(s.r1, 0);
  assert.equal(s.r5, 0.5); // a.ts at file rank 2; b.ts at file rank 7
  assert.equal(s.r10, 1);
  assert.equal(s.acc5, 0);
  assert.equal(s.acc10, 1);
  assert.equal(s.mrr, 1 / 2);
  assert.equal(s.lineHit5, 0, 'a.ts:1-9 ends before the gold 10-12');
  assert.equal(s.lineHit10, 1, 'b.ts:5-5 touches the single-line gold anchor');
});

test('no gold file ranked scores zero', () => {
  const s = scoreQuery(record(), [chunk('x.ts', 1, 5)], 1);
  assert.deepEqual([s.r10, s.mrr, s.lineHit10], [0, 0, 0]);
});

test('aggregates are micro-averages with latency percentiles and leak slices', () => {
  const a = scoreQuery(record({ id: 'a' }), [chunk('a.ts', 10, 10), chunk('b.ts', 1, 9)], 10);
  const b = scoreQuery(record({ id: 'b', repo: 'o/s', meta: { query_mentions_gold_stem: ['a'] } }), [chunk('q.ts', 1, 1)], 30);
  const agg = aggregate([a, b]);
  assert.equal(agg.n, 2);
  assert.equal(agg.r1, 0.25);
  assert.equal(agg.mrr, 0.5);
  assert.equal(agg.p50Ms, 10);
  assert.equal(agg.p95Ms, 30);
  const slices = sliceTable([a, b], new Set(['o/r']));
  assert.deepEqual(slices.map((r) => [r.label, r.agg.n]), [['o/r', 1], ['o/s', 1], ['**all (micro)**', 2], ['TypeScript repos only', 1], ['query names a gold file stem (flagged)', 1], ['query names no gold file (unflagged)', 1]]);
});

test('malformed dataset lines are reported with their line number', async () => {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ds-')), 'd.jsonl');
  await fs.writeFile(file, JSON.stringify(record()) + '\n{"id":"x","query":"q","gold":[{"path":"a"}],"gold_files":[]}\n');
  await assert.rejects(readDataset(file), (e: unknown) => e instanceof AskCodebaseError && /d\.jsonl:2: "gold"/.test(e.message));
  await fs.writeFile(file, JSON.stringify(record()) + '\n');
  assert.equal((await readDataset(file)).length, 1);
});
