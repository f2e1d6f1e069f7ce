import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisiveKeywordHit, rankCandidates } from '../../../src/core/retrieve/rankCandidates.js';
import type { QueryAnalysis } from '../../../src/core/retrieve/queryAnalysis.js';
import type { ChunkHit } from '../../../src/core/store/indexStore.js';

const hit = (path: string, line: number, score: number): ChunkHit => ({
  id: `${path}:${line}`, path, start_line: line, end_line: line + 5, language: 'java', kind: 'method', symbol: `m${line}`,
  parents: '', content_hash: `${path}:${line}`, text: `text ${path} ${line}`, idents: '', prose: '', content_kind: 'code', score,
});
const analysis: QueryAnalysis = { text: 'q', terms: ['q'], identifiers: [], exact: [], paths: [], phrases: [], aboutTests: false, aboutDocs: false, truncated: false };
const rank = (keyword: ChunkHit[], decisiveKeywordRatio: number) =>
  rankCandidates({ keyword, prose: [], symbol: [], vector: [], timingsMs: {} }, analysis, {
    mode: 'keyword', weights: { keyword: 1, symbol: 0.5, vector: 0 }, priors: false, maxPerFile: 5, tuning: { decisiveKeywordRatio },
  }).map((c) => c.path);

// A one-chunk file holding a rare word only it contains, against a big file matching weakly in many places.
const rareWord = [hit('Converter.java', 1, 90), hit('MethodWriter.java', 10, 24), hit('MethodWriter.java', 20, 23), hit('MethodWriter.java', 30, 22), hit('MethodWriter.java', 40, 21)];

test('file evidence alone lets a file with many weak matches outrank a one-chunk exact match', () => {
  assert.equal(rank(rareWord, 0)[0], 'MethodWriter.java');
});

test('a keyword hit scoring at least the ratio × every other file ranks first', () => {
  assert.equal(rank(rareWord, 2)[0], 'Converter.java');
  assert.equal(decisiveKeywordHit(rareWord, 2), 'Converter.java:1');
});

test('a keyword hit below the ratio is not decisive, and other chunks of the same file are no rivals', () => {
  const close = [hit('A.java', 1, 40), hit('A.java', 2, 39), hit('B.java', 1, 24)];
  assert.equal(decisiveKeywordHit(close, 2), undefined, '40 < 2 × 24');
  assert.equal(decisiveKeywordHit(close, 1.5), 'A.java:1', '40 ≥ 1.5 × 24, A.java:2 is not a rival');
  assert.equal(decisiveKeywordHit([], 2), undefined);
});
