import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { startModelHub } from '../helpers/modelHub.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

test('the static model loads through transformers.js in a worker and embeds sensibly', async () => {
  const e = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false, batchSize: 2 });
  try {
    assert.equal(e.dimension, 100);
    assert.equal(e.id, `transformers:${testModelId}`);
    const texts = ['function parseConfigFile(path) { return JSON.parse(readFile(path)); }', 'parse config file', 'the button colour is blue', 'render a red button'];
    const vs = await e.embed(texts);
    assert.equal(vs.length, 4);
    for (const v of vs) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4, 'unit norm');
    assert.ok(dot(vs[0], vs[1]) > dot(vs[2], vs[1]), 'code about config is closer to the config query');
    // Batches of 2 give the same vectors as one call per text.
    const single = await e.embed([texts[2]]);
    assert.ok(dot(single[0], vs[2]) > 0.9999);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(e.embed(texts, ac.signal), (err: unknown) => err instanceof AskCodebaseError && err.code === 'cancelled');
  } finally {
    await e.dispose();
  }
});

test('texts batched by length come back in the order they were given', async () => {
  const e = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false, batchSize: 3 });
  try {
    // Lengths out of order, so length-sorted batches differ from the caller's order.
    const words = ['river', 'keyboard', 'planet', 'violin', 'garden', 'engine', 'winter', 'doctor'];
    const texts = words.map((w, i) => `${w} `.repeat(1 + ((i * 5) % 8)).trim());
    const together = await e.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await e.embed([texts[i]]);
      assert.ok(dot(alone, together[i]) > 0.9999, `vector ${i} (${words[i]}) belongs to its own text`);
    }
  } finally {
    await e.dispose();
  }
});

test('with two workers the vectors are the same, and in the same order, as with one', async () => {
  const texts = Array.from({ length: 40 }, (_, i) => `${['parse', 'render', 'config', 'button', 'socket'][i % 5]} value ${'word '.repeat(i % 7)}item${i}`);
  const one = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false, batchSize: 4 });
  const two = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false, batchSize: 4, workers: 2 });
  try {
    const [a, b] = [await one.embed(texts), await two.embed(texts)];
    assert.equal(b.length, texts.length);
    for (let i = 0; i < texts.length; i++) assert.ok(dot(a[i], b[i]) > 0.9999, `vector ${i}`);
  } finally {
    await Promise.all([one.dispose(), two.dispose()]);
  }
});

test('a missing model offline gives a clear error', async () => {
  await assert.rejects(
    TransformersEmbedder.create({ modelId: 'nobody/no-such-model', localModelPath: testModelRoot, allowRemote: false }),
    (err: unknown) => err instanceof AskCodebaseError && err.code === 'model-unavailable' && /no-such-model/.test(err.message) && /Offline/.test(err.message),
  );
});

test('a model is downloaded on first use from a hub-layout server, then works offline from the cache', async () => {
  const served: string[] = [];
  const server = await startModelHub({ onServe: (file) => served.push(file) });
  const cacheDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'acb-models-'));
  try {
    const progress: string[] = [];
    const e = await TransformersEmbedder.create({
      modelId: testModelId, cacheDir, allowRemote: true, remoteHost: server.url,
      onDownloadProgress: (p) => progress.push(p.file),
    });
    assert.equal(e.dimension, 100);
    await e.dispose();
    assert.ok(served.includes('onnx/model.onnx') && served.includes('tokenizer.json'), `served: ${served.join(', ')}`);
    assert.ok(progress.includes('onnx/model.onnx'), 'download progress reported');
    const cachedFiles = (await fsp.readdir(cacheDir, { recursive: true })).map(String);
    assert.ok(cachedFiles.some((f) => f.endsWith('model.onnx')), `cache holds the model: ${cachedFiles.join(', ')}`);

    served.length = 0;
    progress.length = 0;
    const offline = await TransformersEmbedder.create({ modelId: testModelId, cacheDir, allowRemote: false, onDownloadProgress: (p) => progress.push(p.file) });
    assert.equal((await offline.embed(['hello world']))[0].length, 100);
    await offline.dispose();
    assert.deepEqual(served, [], 'nothing fetched offline');
    assert.deepEqual(progress, [], 'reading the cache is not reported as a download');
  } finally {
    server.close();
  }
});
