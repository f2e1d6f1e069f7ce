import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { baselineTokens, indexBaseline, searchBaseline } from '../../../src/core/eval/baselineBm25.js';

test('tokens: identifiers whole plus camelCase/snake_case parts, stop words and numbers dropped', () => {
  assert.deepEqual(baselineTokens('the fetchQueryData of max_retry_count 42 HTTPServer'), [
    'fetchquerydata', 'fetch', 'query', 'data', 'maxretrycount', 'max', 'retry', 'count', 'httpserver', 'http', 'server',
  ]);
});

test('a tree is cut into 60-line windows; the file with the best window ranks first', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-bm25-'));
  await fs.mkdir(path.join(root, 'src'));
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `let filler${i} = ${i};`);
  await fs.writeFile(path.join(root, 'src/cache.ts'), [...filler(70), 'function evictStaleEntries() { return staleEntries; }', ...filler(5)].join('\n'));
  await fs.writeFile(path.join(root, 'src/other.ts'), ['const entries = 1;', ...filler(3)].join('\n'));
  await fs.writeFile(path.join(root, 'notes.md'), 'evict stale entries');
  await fs.writeFile(path.join(root, 'src/bundle.js'), 'x'.repeat(2500));
  const index = await indexBaseline(root);
  assert.equal(index.files, 2, 'markdown is not code; a 2,500-character line counts as minified');
  const ranked = searchBaseline(index, 'evict stale entries');
  assert.deepEqual(ranked[0], { path: 'src/cache.ts', startLine: 61, endLine: 76 });
  assert.equal(ranked[ranked.length - 1].path, 'src/other.ts');
  assert.deepEqual(searchBaseline(index, 'the of and'), [], 'stop words alone match nothing');
});
