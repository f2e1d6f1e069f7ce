import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuseRankings } from '../../../src/core/retrieve/fusion.js';
import { isTestLikePath, PATH_MATCH_BOOST, pathPrior, TEST_FILE_FACTOR } from '../../../src/core/retrieve/pathPriors.js';

test('weighted RRF adds contributions and records per-signal ranks', () => {
  const fused = fuseRankings([
    { signal: 'keyword', weight: 1, ids: ['a', 'b', 'c'] },
    { signal: 'vector', weight: 1, ids: ['c', 'a'] },
  ], 60);
  assert.deepEqual(fused.map((f) => f.id), ['a', 'c', 'b']);
  assert.deepEqual(fused[0].ranks, { keyword: 1, vector: 2 });
  assert.ok(Math.abs(fused[0].score - (1 / 61 + 1 / 62)) < 1e-12);
});

test('a weight of zero removes a signal; a heavy weight dominates', () => {
  const lists = (w: number) => [
    { signal: 'keyword' as const, weight: 1, ids: ['a', 'b'] },
    { signal: 'vector' as const, weight: w, ids: ['b', 'a'] },
  ];
  assert.deepEqual(fuseRankings(lists(0)).map((f) => f.id), ['a', 'b']);
  assert.deepEqual(fuseRankings(lists(5)).map((f) => f.id), ['b', 'a']);
});

test('test-like paths are recognised across ecosystems', () => {
  for (const p of ['src/__tests__/a.ts', 'test/functional/x.ts', 'pkg/foo_test.go', 'tests/test_core.py', 'src/a.test.tsx', 'examples/basic/main.py', 'packages/x/src/__testfixtures__/y.ts']) {
    assert.equal(isTestLikePath(p), true, p);
  }
  for (const p of ['src/core/query.ts', 'src/click/testing.py', 'src/protest/a.ts', 'latest.go']) assert.equal(isTestLikePath(p), false, p);
});

test('path prior demotes tests unless asked about tests and boosts named components', () => {
  const terms = new Set(['hydration', 'callbacks']);
  assert.equal(pathPrior('src/__tests__/hydration.test.ts', terms, false), TEST_FILE_FACTOR * (1 + PATH_MATCH_BOOST));
  assert.ok(TEST_FILE_FACTOR < 1);
  assert.equal(pathPrior('src/__tests__/hydration.test.ts', terms, true), 1 + PATH_MATCH_BOOST);
  assert.equal(pathPrior('src/query-core/hydration.ts', terms, false), 1 + PATH_MATCH_BOOST);
  assert.ok(PATH_MATCH_BOOST > 0);
  assert.equal(pathPrior('src/other.ts', terms, false), 1);
});
