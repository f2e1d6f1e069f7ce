// Vector weight 0 when vectors do not help: the self-evaluation saves it (a repository where the
// static model's vectors earn nothing on either half), and a saved weight 0 makes search with the
// index's model rank exactly as keyword search does — a hit that only the vectors found is gone —
// while without the report the same query finds it by meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { SELF_TUNING_KEY } from '../../../src/core/retrieve/savedSettings.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { tuneIndex } from '../../../src/core/tune/tuneIndex.js';
import { tempDir } from '../../reliability/harness.js';
import { shopRepo, TOPICS } from './gitRepo.js';
import { indexOf } from '../retrieve/tempIndex.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';

test('vector weight 0 saved by the self-evaluation: search ignores the vectors', async () => {
  const model = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false });
  const { store } = await indexOf({
    'src/garage.ts': 'export function repair(car: Car) {\n  // the engine, the wheels and the brakes of the car\n  return car.engine.start();\n}\n',
    'src/bakery.ts': 'export function bake(bread: Dough) {\n  // flour, water and yeast in the oven\n  return bread.rise();\n}\n',
  }, { embedder: model });
  try {
    const question = 'automobile vehicle motor';
    const paths = async (o: Parameters<typeof searchIndex>[2]) => (await searchIndex(store, question, o)).chunks.map((c) => c.path);
    const keyword = await paths({ mode: 'keyword' });
    assert.ok(!keyword.includes('src/garage.ts'), `no word of the question is in the code: ${keyword.join(', ')}`);
    const byMeaning = await paths({ embedder: model });
    assert.equal(byMeaning[0], 'src/garage.ts', `the default vector weight finds it by meaning: ${byMeaning.join(', ')}`);

    // What tuneIndex saves when the held-out half says vectors do not help here.
    await store.writeMetaValue(SELF_TUNING_KEY, JSON.stringify({ status: 'tuned', embedderId: model.id, mode: 'hybrid', vectorWeight: 0, settings: { weights: { vector: 0 } } }));
    let embedded = 0;
    const counting = { ...model, id: model.id, dimension: model.dimension, queryPrefix: model.queryPrefix, documentPrefix: model.documentPrefix, embed: (texts: string[], signal?: AbortSignal) => ((embedded += texts.length), model.embed(texts, signal)), dispose: () => model.dispose() };
    assert.deepEqual(await paths({ embedder: counting }), keyword);
    assert.equal(embedded, 0, 'with weight 0 the question is not embedded');
    await paths({ embedder: counting, weights: { vector: 0.05 } });
    assert.equal(embedded, 1, 'an explicit weight embeds it again');
  } finally {
    await store.close();
    await model.dispose();
  }
});

test('vectors that earn nothing on either half: the self-evaluation saves vector weight 0, and search follows it', async () => {
  const model = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false });
  const { dir } = await shopRepo(12);
  const dbDir = await tempDir('acb-tune-vec0-');
  await runIndex({ roots: [{ path: dir }], dbDir, embedder: model });
  const store = await IndexStore.openExisting(dbDir);
  try {
    const report = await tuneIndex(store, dir, { embedder: model, maxPairs: 16 });
    assert.equal(report.mode, 'hybrid', report.notes.join('; '));
    assert.equal(report.vectorWeight, 0, report.reason);
    assert.equal(report.status, 'tuned');
    assert.equal(report.settings.weights?.vector, 0);
    assert.match(report.reason, /Vectors did not help on this repository/);
    assert.ok(report.heldOut && report.heldOut.chosen.mrr >= report.heldOut.defaults.mrr && report.heldOut.chosen.recallAt10 >= report.heldOut.defaults.recallAt10);
    assert.equal(report.saved, true);
    for (const topic of TOPICS.slice(0, 3)) {
      const question = `where is the ${topic} computed`;
      const keyword = (await searchIndex(store, question, { mode: 'keyword' })).chunks.map((c) => c.id);
      assert.deepEqual((await searchIndex(store, question, { embedder: model })).chunks.map((c) => c.id), keyword, question);
    }
  } finally {
    await store.close();
    await model.dispose();
  }
});
