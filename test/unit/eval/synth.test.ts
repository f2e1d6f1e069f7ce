import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { materializeCommitTree } from '../../../src/core/eval/commitTree.js';
import { cleanCommitMessage, mentionedGoldStems, readsAsBehaviourChange } from '../../../src/core/eval/commitMessage.js';
import { classifyPath, synthesizeDataset } from '../../../src/core/eval/synth.js';
import type { EvalRecord } from '../../../src/core/eval/dataset.js';

let repo = '';
const hashes: Record<string, string> = {};
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `const ${tag}${i + 1} = ${i + 1};`);

async function write(rel: string, content: string[]): Promise<void> {
  await fs.mkdir(path.dirname(path.join(repo, rel)), { recursive: true });
  await fs.writeFile(path.join(repo, rel), content.join('\n') + '\n');
}

async function commit(name: string, message: string): Promise<void> {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  hashes[name] = git('rev-parse', 'HEAD');
}

before(async () => {
  repo = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-synth-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.invalid');
  git('config', 'user.name', 'Dev');
  const cart = lines(20, 'cart');
  await write('src/cart.ts', cart);
  await write('src/price.ts', lines(10, 'price'));
  await write('tests/cart.test.ts', ['test']);
  await write('README.md', ['# shop']);
  await commit('init', 'Initial shop');

  // Replaces lines 5 and 10-11 of src/cart.ts; also touches a test and the changelog.
  const fixed = [...cart];
  fixed[4] = 'const cart5 = 50;';
  fixed.splice(9, 2, 'const cart10 = 100;', 'const cart11 = 110;', 'const cart11b = 111;');
  await write('src/cart.ts', fixed);
  await write('tests/cart.test.ts', ['test', 'more']);
  await write('CHANGES.md', ['- total fixed']);
  await commit('replace', 'Fix the total when the basket holds discounted items');

  // Only adds lines: after line 3, and before line 1 (anchored at 1). Two files.
  const added = ['// header', ...fixed.slice(0, 3), 'if (empty) return 0;', ...fixed.slice(3)];
  await write('src/cart.ts', added);
  await write('src/price.ts', [...lines(10, 'price'), 'export {};']);
  await commit('addOnly', 'Handle an empty basket by returning zero early (#42)\n\nCloses #42, see https://example.com/issue/42.\n\n- [x] tests added\n\nSigned-off-by: Dev <dev@example.invalid>\nCo-authored-by: Other <o@example.invalid>');

  await write('src/price.ts', [...lines(10, 'price'), 'export { price1 };']);
  await commit('chore', 'chore: bump the version and tidy exports');

  await write('src/new.ts', ['export const x = 1;']);
  await write('src/price.ts', [...lines(10, 'price'), 'export { price1, price2 };']);
  await commit('newFile', 'Fix missing export by adding a new module for prices');

  await write('package.json', ['{}']);
  await write('src/price.ts', [...lines(9, 'price'), 'const price10 = 11;', 'export { price1, price2 };']);
  await commit('config', 'Fix the last price being wrong for all users');

  const leaked = (await fs.readFile(path.join(repo, 'src/cart.ts'), 'utf8')).split('\n').slice(0, -1);
  leaked[7] = 'const cart6fixed = 6;'; // line 8: header and an inserted line precede it
  await write('src/cart.ts', leaked);
  await commit('leak', 'fix(cart): avoid rounding errors in src/cart.ts when the cart total is large\n\nSee [the report](https://example.com/r) and cart.ts for details.');
});

test('picks qualifying commits newest first with the parent as the tree', async () => {
  const records = await synthesizeDataset(repo, { n: 10, repo: 'me/shop' });
  assert.deepEqual(records.map((r) => r.fix_commit), [hashes.leak, hashes.addOnly, hashes.replace], 'chore, new-file and config commits are skipped');
  for (const r of records) {
    assert.equal(r.commit, git('rev-parse', `${r.fix_commit}^`));
    assert.equal(r.repo, 'me/shop');
    assert.equal(r.id, `synth-shop-${r.fix_commit!.slice(0, 12)}`);
  }
});

test('gold is the old side of the diff; add-only hunks are anchored', async () => {
  const byName = await recordsByName();
  assert.deepEqual(byName.replace.gold, [{ path: 'src/cart.ts', start: 5, end: 5 }, { path: 'src/cart.ts', start: 10, end: 11 }]);
  assert.deepEqual(byName.replace.gold_files, ['src/cart.ts']);
  assert.equal(byName.replace.meta?.src_lines_changed, 2 + 5); // line 5: -1 +1; lines 10-11: -2 +3
  assert.deepEqual(byName.replace.meta?.other_files_changed, ['CHANGES.md', 'tests/cart.test.ts']);
  assert.deepEqual(byName.addOnly.gold, [
    { path: 'src/cart.ts', start: 1, end: 1 }, // inserted before line 1: line 0 becomes 1
    { path: 'src/cart.ts', start: 3, end: 3 },
    { path: 'src/price.ts', start: 10, end: 10 },
  ]);
  assert.deepEqual(byName.addOnly.gold_files, ['src/cart.ts', 'src/price.ts']);
  // The gold line of the parent tree holds the text the fix replaced.
  const parentCart = git('show', `${byName.leak.commit}:src/cart.ts`).split('\n');
  assert.deepEqual(byName.leak.gold, [{ path: 'src/cart.ts', start: 8, end: 8 }]);
  assert.equal(parentCart[7], 'const cart6 = 6;');
});

test('queries are cleaned of trailers, issue refs, URLs, checkboxes and gold paths', async () => {
  const byName = await recordsByName();
  assert.equal(byName.replace.query, 'Fix the total when the basket holds discounted items');
  assert.equal(byName.addOnly.query, 'Handle an empty basket by returning zero early\n\nsee.');
  assert.equal(byName.leak.query, 'Fix: avoid rounding errors in when the cart total is large\n\nSee the report and for details.');
  assert.deepEqual(byName.leak.meta?.stripped_from_query, ['fix(cart):', 'src/cart.ts', 'cart.ts']);
  assert.deepEqual(byName.leak.meta?.query_mentions_gold_stem, ['cart']);
  assert.deepEqual(byName.replace.meta?.query_mentions_gold_stem, []);
});

test('n limits the walk and the tree at commit can be materialised', async () => {
  const [newest] = await synthesizeDataset(repo, { n: 1 });
  assert.equal(newest.fix_commit, hashes.leak);
  const dest = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-tree-'));
  await materializeCommitTree(repo, newest.commit, dest);
  const text = (await fs.readFile(path.join(dest, 'src/cart.ts'), 'utf8')).split('\n');
  assert.equal(text[newest.gold[0].start - 1], 'const cart6 = 6;');
  await assert.rejects(materializeCommitTree(repo, 'deadbeef', dest), /Cannot write the tree of deadbeef/);
});

test('an aborted signal stops the walk', async () => {
  await assert.rejects(synthesizeDataset(repo, { n: 5, signal: AbortSignal.abort() }), (e: Error) => e.name === 'AbortError');
});

test('message cleaning keeps scopes that are not path components', () => {
  const c = cleanCommitMessage('fix(broadcast-client)!: keep tabs in sync (#12)', ['packages/query-core/src/x.ts']);
  assert.equal(c.query, 'fix(broadcast-client)!: keep tabs in sync');
  assert.deepEqual(c.stripped, []);
  const multi = cleanCommitMessage('fix(postgres,cockroachdb): quote names', ['src/driver/postgres/A.ts', 'src/driver/cockroachdb/B.ts']);
  assert.equal(multi.query, 'Fix: quote names');
});

test('stems: short and generic names are never flagged', () => {
  assert.deepEqual(mentionedGoldStems('utils and core and InsertQueryBuilder', ['src/utils.py', 'src/core.ts', 'src/query/InsertQueryBuilder.ts']), ['InsertQueryBuilder']);
  assert.deepEqual(mentionedGoldStems('the io layer', ['src/io.go']), []);
});

test('the subject filter wants a behaviour change of at least five words', () => {
  assert.equal(readsAsBehaviourChange('Fix crash on empty input lines', 'Fix crash on empty input lines'), true);
  assert.equal(readsAsBehaviourChange('Fix crash', 'Fix crash'), false);
  assert.equal(readsAsBehaviourChange('docs: fix the broken example in the guide', 'docs: fix the broken example in the guide'), false);
  assert.equal(readsAsBehaviourChange('Refactor the handler to avoid duplication here', 'Refactor the handler to avoid duplication here'), false);
  assert.equal(readsAsBehaviourChange('Rework the whole layout of the page', 'Rework the whole layout of the page'), false);
});

test('paths are classified as the README does', () => {
  assert.equal(classifyPath('packages/query-core/src/query.ts'), 'source');
  assert.equal(classifyPath('packages/query-core/src/__tests__/query.test.tsx'), 'test');
  assert.equal(classifyPath('src/click/core.py'), 'source');
  assert.equal(classifyPath('tests/test_basic.py'), 'test');
  assert.equal(classifyPath('src/util_test.go'), 'test');
  assert.equal(classifyPath('src/tui/eventtype_string.go'), 'other');
  assert.equal(classifyPath('CHANGES.md'), 'doc');
  assert.equal(classifyPath('.changeset/quiet-cats.md'), 'doc');
  assert.equal(classifyPath('packages/x/vite.config.ts'), 'other');
  assert.equal(classifyPath('src/types.d.ts'), 'other');
  assert.equal(classifyPath('package.json'), 'other');
});

async function recordsByName(): Promise<Record<string, EvalRecord>> {
  const records = await synthesizeDataset(repo, { n: 10 });
  const names = Object.fromEntries(Object.entries(hashes).map(([k, v]) => [v, k]));
  return Object.fromEntries(records.map((r) => [names[r.fix_commit!], r]));
}
