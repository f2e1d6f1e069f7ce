// The self-evaluation on real git repositories and real indexes: pairs, the held-out check, the
// saved report, search using it, and every kind of bad repository ending in the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder.js';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { SELF_TUNING_KEY } from '../../../src/core/retrieve/savedSettings.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { commitPairs } from '../../../src/core/tune/commitPairs.js';
import { docCommentPairs } from '../../../src/core/tune/docCommentPairs.js';
import { fetchPairCandidates } from '../../../src/core/tune/pairScores.js';
import { needsTuning, tuneIndex } from '../../../src/core/tune/tuneIndex.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';
import { moduleText, shopRepo, TOPICS } from './gitRepo.js';

async function indexed(root: string, embedder: Embedder | null = null): Promise<IndexStore> {
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-tune-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder });
  return IndexStore.openExisting(dbDir);
}

const everyPath = (n = TOPICS.length) => new Set(Array.from({ length: n }, (_, i) => `src/mod${i}.ts`));
const far = () => performance.now() + 60_000;

test('a repository with history and doc comments is measured, the report saved, and search reads it', async () => {
  const { dir } = await shopRepo(12);
  const store = await indexed(dir);
  try {
    assert.equal(await needsTuning(store), true);
    const report = await tuneIndex(store, dir, { maxPairs: 16 });
    assert.equal(report.pairs.commit, 12, report.reason);
    assert.ok(report.pairs.doc >= TOPICS.length, `doc pairs: ${report.pairs.doc}`);
    assert.equal(report.pairs.train + report.pairs.heldOut, report.pairs.commit + report.pairs.doc);
    assert.ok(report.heldOut, 'held-out numbers');
    assert.ok(report.heldOut.defaults.mrr > 0 && report.heldOut.defaults.mrr <= 1);
    assert.equal(report.saved, true);
    assert.equal(report.mode, 'keyword');
    assert.equal(report.vectorWeight, 0);
    // Tuned only when it won on the held-out half; otherwise the defaults, said so.
    if (report.status === 'tuned') assert.ok(report.heldOut.chosen.mrr > report.heldOut.defaults.mrr);
    else assert.match(report.reason, /defaults/);
    assert.equal(await needsTuning(store), false);
    const saved = JSON.parse((await store.readMetaValue(SELF_TUNING_KEY))!);
    assert.equal(saved.status, report.status);
    assert.deepEqual(saved.settings, report.settings);
  } finally {
    await store.close();
  }
});

test('search applies saved settings that won, and ignores them when told to or when they lost', async () => {
  const { dir } = await shopRepo(2);
  const store = await indexed(dir);
  try {
    const question = 'coupon codes for weekend orders';
    const plain = await searchIndex(store, question, { k: 20 });
    // A test setting that visibly changes scores: no fusion sharpening, big file evidence.
    const settings = { tuning: { rrfK: 1, fileEvidence: 5, otherKindFactor: 1 }, weights: { symbol: 0 } };
    await store.writeMetaValue(SELF_TUNING_KEY, JSON.stringify({ version: 1, status: 'tuned', embedderId: 'none', settings }));
    const tuned = await searchIndex(store, question, { k: 20 });
    const ignored = await searchIndex(store, question, { k: 20, savedSettings: false });
    assert.notDeepEqual(tuned.chunks.map((c) => c.score), plain.chunks.map((c) => c.score));
    assert.deepEqual(ignored.chunks.map((c) => [c.id, c.score]), plain.chunks.map((c) => [c.id, c.score]));
    await store.writeMetaValue(SELF_TUNING_KEY, JSON.stringify({ version: 1, status: 'defaults', embedderId: 'none', settings }));
    const lost = await searchIndex(store, question, { k: 20 });
    assert.deepEqual(lost.chunks.map((c) => [c.id, c.score]), plain.chunks.map((c) => [c.id, c.score]));
    // Settings of another model do not apply either (the index was rebuilt for a new model).
    await store.writeMetaValue(SELF_TUNING_KEY, JSON.stringify({ version: 1, status: 'tuned', embedderId: 'other/model', settings }));
    assert.deepEqual((await searchIndex(store, question, { k: 20 })).chunks.map((c) => c.score), plain.chunks.map((c) => c.score));
    assert.equal(await needsTuning(store), true);
  } finally {
    await store.close();
  }
});

test('commit pairs use only commits reachable from the indexed revision, minus excluded ones', async () => {
  const { dir, git } = await shopRepo(6);
  const hashes = git('log', '--format=%H').split('\n');
  // HEAD~2: the two newest fixes are newer than the tree and must not appear.
  const older = await commitPairs(dir, { rev: 'HEAD~2', max: 50, deadline: far(), indexedPaths: everyPath() });
  assert.equal(older.pairs.length, 4);
  assert.ok(older.pairs.every((p) => !p.id.includes(hashes[0].slice(0, 12)) && !p.id.includes(hashes[1].slice(0, 12))));
  const guarded = await commitPairs(dir, { max: 50, deadline: far(), indexedPaths: everyPath(), exclude: { commits: [hashes[0]], queries: [git('log', '-1', '--format=%B', hashes[1])] } });
  assert.equal(guarded.pairs.length, 4);
  assert.deepEqual(guarded.pairs[0].goldFiles, ['src/mod3.ts']);
  assert.match(guarded.pairs[0].query, /^Fix wrong tax rounding/);
  // Files no longer indexed are no gold.
  const partial = await commitPairs(dir, { max: 50, deadline: far(), indexedPaths: new Set(['src/mod0.ts']) });
  assert.equal(partial.pairs.length, 1);
});

test('a doc-comment pair hides its own chunk from every candidate list', async () => {
  const { dir } = await shopRepo(0);
  const store = await indexed(dir);
  try {
    const docs = await docCommentPairs(store, { max: 5 });
    assert.equal(docs.pairs.length, 5);
    const [fetched] = await fetchPairCandidates(store, docs.pairs.slice(0, 1), { mode: 'keyword', embedder: null, deadline: far() });
    const hidden = docs.pairs[0].hiddenChunkId!;
    assert.ok(fetched.candidates.keyword.length > 0);
    assert.ok(![...fetched.candidates.keyword, ...fetched.candidates.prose, ...fetched.candidates.vector].some((h) => h.id === hidden));
    const excluded = await docCommentPairs(store, { max: 50, exclude: { queries: [docs.pairs[0].query.toUpperCase()] } });
    assert.ok(!excluded.pairs.some((p) => p.query === docs.pairs[0].query));
  } finally {
    await store.close();
  }
});

test('bad repositories give the defaults with the reason, never a failure', async (t) => {
  await t.test('no git at all', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-tune-nogit-'));
    await fs.mkdir(path.join(dir, 'src'));
    await fs.writeFile(path.join(dir, 'src', 'a.ts'), moduleText('basket totals', 0));
    const store = await indexed(dir);
    try {
      const r = await tuneIndex(store, dir, {});
      assert.equal(r.status, 'defaults');
      assert.match(r.reason, /Too few self-evaluation pairs/);
      assert.ok(r.notes.some((n) => /no usable git history/.test(n)), r.notes.join('; '));
      assert.equal(r.saved, true);
    } finally {
      await store.close();
    }
  });
  await t.test('one commit', async () => {
    const { dir } = await shopRepo(0);
    const r = await commitPairs(dir, { max: 10, deadline: far(), indexedPaths: everyPath() });
    assert.deepEqual(r.pairs, []);
    assert.deepEqual(r.notes, ['the repository has a single commit']);
  });
  await t.test('shallow clone', async () => {
    const { dir } = await shopRepo(6);
    const clone = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-tune-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${dir}`, clone], { stdio: 'ignore' });
    const r = await commitPairs(clone, { max: 10, deadline: far(), indexedPaths: everyPath() });
    assert.ok(r.notes.some((n) => /shallow clone/.test(n)));
    assert.ok(r.pairs.length <= 2);
  });
  await t.test('detached HEAD', async () => {
    const { dir, git } = await shopRepo(4);
    git('checkout', '-q', '--detach', 'HEAD~1');
    const r = await commitPairs(dir, { max: 10, deadline: far(), indexedPaths: everyPath() });
    assert.equal(r.pairs.length, 3);
  });
  await t.test('non-UTF-8 messages and an enormous commit', async () => {
    const { dir, git } = await shopRepo(2);
    for (let i = 0; i < 1500; i++) await fs.writeFile(path.join(dir, 'src', `gen${i}.ts`), `export const g${i} = ${i};\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'Fix the generated tables that were wrong for every region at once');
    await fs.writeFile(path.join(dir, 'src', 'mod0.ts'), moduleText(TOPICS[0], 40));
    const latin1 = Buffer.concat([Buffer.from('Fix the basket totals so that caf'), Buffer.from([0xe9]), Buffer.from(' prices are handled right\n')]);
    const msgFile = path.join(dir, '..', `${path.basename(dir)}-msg`);
    await fs.writeFile(msgFile, latin1);
    git('-c', 'i18n.commitEncoding=latin1', 'commit', '-q', '-a', '-F', msgFile);
    const r = await commitPairs(dir, { max: 10, deadline: far(), indexedPaths: everyPath() });
    assert.equal(r.pairs.length, 3, r.notes.join('; '));
    assert.match(r.pairs[0].query, /prices are handled right/);
  });
  await t.test('corrupt .git', async () => {
    const { dir } = await shopRepo(3);
    const store = await indexed(dir);
    try {
      await fs.writeFile(path.join(dir, '.git', 'HEAD'), 'garbage\n');
      const r = await tuneIndex(store, dir, {});
      assert.equal(r.status, 'defaults');
      assert.ok(r.notes.some((n) => /git/.test(n)), r.notes.join('; '));
      assert.match(r.reason, /defaults/);
    } finally {
      await store.close();
    }
  });
  await t.test('a damaged index', async () => {
    const { dir } = await shopRepo(3);
    const store = await indexed(dir);
    try {
      await fs.rm(path.join(store.dir, (await fs.readdir(store.dir)).find((f) => f.startsWith('chunks'))!), { recursive: true });
      const r = await tuneIndex(store, dir, { save: false });
      assert.equal(r.status, 'defaults');
      assert.match(r.reason, /failed|Too few/);
    } finally {
      await store.close();
    }
  });
});

test('a cancelled self-evaluation stops with the cancellation, not a report', async () => {
  const { dir } = await shopRepo(3);
  const store = await indexed(dir);
  try {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(tuneIndex(store, dir, {}, ac.signal));
  } finally {
    await store.close();
  }
});

test('with vectors and their model the vector weight is measured; without the model it is said not to be', async () => {
  const model = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false });
  const { dir } = await shopRepo(12);
  const store = await indexed(dir, model);
  try {
    const withModel = await tuneIndex(store, dir, { embedder: model, maxPairs: 16, save: false });
    assert.equal(withModel.mode, 'hybrid', withModel.notes.join('; '));
    assert.ok([0, 0.05, 0.15, 0.3, 0.6].includes(withModel.vectorWeight), String(withModel.vectorWeight));
    assert.equal(withModel.embedderId, model.id);
    const without = await tuneIndex(store, dir, { maxPairs: 16, save: false });
    assert.equal(without.mode, 'keyword');
    assert.equal(without.vectorWeight, 0);
    assert.ok(without.notes.some((n) => /vector weight was not measured/.test(n)));
  } finally {
    await store.close();
    await model.dispose();
  }
});
