// A model download that breaks off or arrives corrupted: a clear error, nothing poisoned in the
// cache, and the next try (the retry) downloads it whole and works. Against a loopback server in
// the hub layout serving the static test model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { startModelHub, type DownloadFault } from '../helpers/modelHub.js';
import { testModelId } from '../helpers/testModel.js';

for (const kind of ['interrupt', 'corrupt'] as const) {
  test(`a ${kind === 'interrupt' ? 'broken-off' : 'corrupted'} download fails clearly, and the retry works`, async () => {
    let fault: DownloadFault = kind;
    const server = await startModelHub({ fault: () => fault });
    const cacheDir = await fsp.mkdtemp(path.join(os.tmpdir(), `acb-models-${kind}-`));
    try {
      await assert.rejects(
        TransformersEmbedder.create({ modelId: testModelId, cacheDir, allowRemote: true, remoteHost: server.url }),
        (err: unknown) => err instanceof AskCodebaseError && err.code === 'model-unavailable' && err.message.includes(testModelId),
      );
      // Nothing damaged is left for a later load to trip over.
      assert.equal(fs.existsSync(path.join(cacheDir, testModelId, 'onnx', 'model.onnx')), false);
      fault = 'none';
      const e = await TransformersEmbedder.create({ modelId: testModelId, cacheDir, allowRemote: true, remoteHost: server.url });
      try {
        assert.equal((await e.embed(['parse the height'])).length, 1);
      } finally {
        await e.dispose();
      }
    } finally {
      server.close();
    }
  });
}
