// The engine's real components inside the extension host: tree-sitter (WASM), transformers.js
// with the static test model, LanceDB (native).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { chunkFile } from '../../../src/core/chunk/chunkFile.js';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';

describe('engine in the extension host', () => {
  const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  it('chunks the fixture with tree-sitter', async () => {
    const file = path.join(workspace(), 'src', 'rateLimiter.ts');
    const { chunks, fallback } = await chunkFile({ path: 'src/rateLimiter.ts', text: await fs.readFile(file, 'utf8'), language: 'typescript' }, { maxLines: 8, mergeBelowLines: 2 });
    assert.equal(fallback, undefined);
    const acquire = chunks.find((c) => c.symbol === 'tryAcquire');
    assert.ok(acquire, `a chunk for tryAcquire among ${chunks.map((c) => c.symbol).join(', ')}`);
    assert.deepEqual(acquire.parents, ['class RateLimiter']);
  });

  it('indexes the fixture with the static model into LanceDB and finds code by meaning and by keyword', async () => {
    const modelDir = process.env.ASK_CODEBASE_TEST_MODEL_DIR;
    assert.ok(modelDir, 'ASK_CODEBASE_TEST_MODEL_DIR is set by the runner');
    const embedder = await TransformersEmbedder.create({ modelId: 'ask-codebase/static-glove-100d', localModelPath: modelDir, allowRemote: false });
    const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-it-'));
    try {
      const result = await runIndex({ roots: [{ path: workspace() }], dbDir, embedder });
      assert.ok(result.chunksStored >= 4, `stored ${result.chunksStored} chunks`);
      assert.equal(result.chunksEmbedded + result.vectorsReused, result.chunksStored);
      const store = await IndexStore.openExisting(dbDir);
      try {
        const keyword = await searchIndex(store, 'parseConfigFile', { mode: 'keyword' });
        assert.equal(keyword.chunks[0].path, 'src/configLoader.ts');
        const vector = await searchIndex(store, 'throttle traffic with a token bucket', { mode: 'vector', embedder });
        assert.equal(vector.chunks[0].path, 'src/rateLimiter.ts');
        assert.ok(vector.chunks[0].signals.vector, 'found by the vector signal');
      } finally {
        await store.close();
      }
    } finally {
      await embedder.dispose();
    }
  });
});
