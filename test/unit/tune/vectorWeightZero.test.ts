// A saved self-evaluation that set the vector weight to 0 (vectors did not help on this repository):
// search with the index's model then ranks exactly as keyword search does — a hit that only the
// vectors found is gone — while without the report the same query finds it by meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { SELF_TUNING_KEY } from '../../../src/core/retrieve/savedSettings.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
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
    assert.deepEqual(await paths({ embedder: model }), keyword);
  } finally {
    await store.close();
    await model.dispose();
  }
});
