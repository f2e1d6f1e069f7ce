// Dev set 2's masking and the eval runner on a real index: blanked lines keep their numbers, a
// masked copy is made once per tree and list, and the engine and the BM25 reference both answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EvalRecord } from '../../../src/core/eval/dataset.js';
import { blankLines, maskedRanges, maskedTreeCopy } from '../../../src/core/eval/maskedTree.js';
import { runEval } from '../../../src/core/eval/runEval.js';
import { tempTree } from '../retrieve/tempIndex.js';

test('blanking keeps the line count and CRLF endings, and clamps ranges to the file', () => {
  assert.equal(blankLines('a\nb\nc\nd', [{ start: 2, end: 3 }]), 'a\n\n\nd');
  assert.equal(blankLines('a\r\nb\r\nc', [{ start: 1, end: 1 }]), '\r\nb\r\nc');
  assert.equal(blankLines('a\nb', [{ start: 2, end: 99 }, { start: 0, end: 0 }]), 'a\n');
});

test('masked ranges are read from meta and malformed entries are ignored', () => {
  assert.deepEqual(maskedRanges(undefined), []);
  assert.deepEqual(maskedRanges({ masked: 'no' }), []);
  assert.deepEqual(maskedRanges({ masked: [{ path: 'a.go', start: 1, end: 2 }, { path: 3 }, null, { path: 'b.go', start: 'x', end: 1 }] }), [{ path: 'a.go', start: 1, end: 2 }]);
});

test('a masked copy blanks the ranges, leaves the tree alone, is reused, and names a missing file clearly', async () => {
  const tree = await tempTree({ 'src/a.go': '// Doc of A.\nfunc A() {}\n', 'src/b.go': 'func B() {}\n' });
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-mask-'));
  const ranges = [{ path: 'src/a.go', start: 1, end: 1 }];
  const copy = await maskedTreeCopy(tree, ranges, scratch);
  assert.equal(await fs.readFile(path.join(copy, 'src/a.go'), 'utf8'), '\nfunc A() {}\n');
  assert.equal(await fs.readFile(path.join(copy, 'src/b.go'), 'utf8'), 'func B() {}\n');
  assert.equal(await fs.readFile(path.join(tree, 'src/a.go'), 'utf8'), '// Doc of A.\nfunc A() {}\n', 'the original tree is untouched');
  await fs.writeFile(path.join(copy, 'src/b.go'), 'changed\n');
  assert.equal(await maskedTreeCopy(tree, ranges, scratch), copy, 'same tree and ranges: same copy');
  assert.equal(await fs.readFile(path.join(copy, 'src/b.go'), 'utf8'), 'changed\n', 'a complete copy is reused, not rewritten');
  await assert.rejects(maskedTreeCopy(tree, [{ path: 'src/missing.go', start: 1, end: 1 }], scratch), /meta\.masked names src\/missing\.go/);
});

test('runEval indexes the masked copy once per tree and scores the engine and the BM25 reference', async () => {
  const tree = await tempTree({
    'src/height.go': '// Parses the height option, percentages included.\nfunc parseHeight(s string) int {\n\treturn atoi(s)\n}\n',
    'src/width.go': 'func parseWidth(s string) int {\n\treturn atoi(s)\n}\n',
    'README.md': '# Height\n\nThe height option is parsed with percentages.\n',
  });
  const trees = path.dirname(tree);
  const record = (id: string, query: string): EvalRecord => ({
    id, dataset: 'nl-needle', repo: 'o/r', commit: 'c', query,
    gold: [{ path: 'src/height.go', start: 2, end: 4 }], gold_files: ['src/height.go'],
    meta: { masked: [{ path: 'src/height.go', start: 1, end: 1 }], query_mentions_gold_stem: false },
  });
  const dbRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-evaldb-'));
  const records = [record('q1', 'which function parses heights'), record('q2', 'height from a string')];
  const run = () => runEval({
    records, treeFor: () => path.join(trees, path.basename(tree)), dbRoot, embedder: null, indexPerTree: true,
    variants: [{ name: 'keyword', mode: 'keyword' }, { name: 'bm25-reference', mode: 'keyword', reference: true }],
  });
  const first = await run();
  assert.equal(first.scores.keyword.length, 2);
  assert.equal(first.scores['bm25-reference'].length, 2);
  assert.equal(first.scores.keyword[0].r1, 1, 'the engine finds the function whose doc comment was blanked');
  assert.ok(first.indexMs > 0);
  const again = await run();
  assert.equal(again.indexMs, 0, 'a completed per-tree index is reused without indexing');
  assert.deepEqual(again.scores.keyword.map((s) => s.mrr), first.scores.keyword.map((s) => s.mrr));
  // The masked copy is what was indexed: the doc comment's words are not in it.
  const masked = (await fs.readdir(path.join(dbRoot, 'masked-trees'))).find((n) => !n.endsWith('.ok'))!;
  assert.doesNotMatch(await fs.readFile(path.join(dbRoot, 'masked-trees', masked, 'src/height.go'), 'utf8'), /Parses/);
});
