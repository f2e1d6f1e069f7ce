// The `auto` embedding model: which model and file it names, and the CLI's `--model auto` against a
// loopback hub serving the static test model — a broken-off or corrupted download leaves the
// command keyword-only with the reason (never a failure), and the next try downloads it and embeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AUTO_MODEL_HUB_ENV, AUTO_MODEL_ID, AUTO_MODEL_ID_ENV, autoModelSpec, modelInCache } from '../../../src/core/embed/autoModel.js';
import { embedderFromOptions, embedderSpec } from '../../../src/cli/embedderOptions.js';
import { startModelHub, type DownloadFault } from '../helpers/modelHub.js';
import { testModelId } from '../helpers/testModel.js';

test('auto names the quantized nomic-embed-text-v1 from the hub; two variables point it elsewhere', () => {
  const spec = autoModelSpec({ cacheDir: '/c', allowRemote: true }, {});
  assert.equal(spec.modelId, AUTO_MODEL_ID);
  assert.equal(spec.dtype, 'q8', 'the 138 MB int8 file, not the 548 MB full one');
  assert.equal(spec.remoteHost, undefined);
  const test = autoModelSpec({ cacheDir: '/c', allowRemote: false }, { [AUTO_MODEL_HUB_ENV]: 'http://127.0.0.1:1/', [AUTO_MODEL_ID_ENV]: testModelId });
  assert.deepEqual(
    { modelId: test.modelId, dtype: test.dtype, remoteHost: test.remoteHost, allowRemote: test.allowRemote },
    { modelId: testModelId, dtype: undefined, remoteHost: 'http://127.0.0.1:1/', allowRemote: false },
  );
  assert.equal(embedderSpec({}).kind, 'none', "the CLI's default stays none (no network)");
});

for (const kind of ['interrupt', 'corrupt'] as const) {
  test(`--model auto after a ${kind === 'interrupt' ? 'broken-off' : 'corrupted'} download: keyword-only with the reason; the retry embeds`, async () => {
    let fault: DownloadFault = kind;
    const server = await startModelHub({ fault: () => fault });
    const cache = await fsp.mkdtemp(path.join(os.tmpdir(), `acb-auto-${kind}-`));
    const saved = { xdg: process.env.XDG_CACHE_HOME, hub: process.env[AUTO_MODEL_HUB_ENV], model: process.env[AUTO_MODEL_ID_ENV] };
    Object.assign(process.env, { XDG_CACHE_HOME: cache, [AUTO_MODEL_HUB_ENV]: server.url, [AUTO_MODEL_ID_ENV]: testModelId });
    try {
      const spec = embedderSpec({ model: 'auto' });
      assert.equal(spec.kind, 'transformers');
      const said: string[] = [];
      assert.equal(await embedderFromOptions({ model: 'auto' }, (m) => said.push(m)), null);
      const reason = said.find((m) => m.startsWith('embedding model unavailable, keyword-only:'));
      assert.ok(reason, said.join('\n'));
      assert.ok(reason.includes(testModelId), reason);
      assert.equal(modelInCache(spec as Parameters<typeof modelInCache>[0]), false, 'nothing damaged stays in the cache');

      fault = 'none';
      const e = await embedderFromOptions({ model: 'auto' }, (m) => said.push(m));
      assert.ok(e, said.join('\n'));
      try {
        assert.equal(e.id, `transformers:${testModelId}`);
        assert.equal((await e.embed(['parse the height']))[0].length, e.dimension);
      } finally {
        await e.dispose();
      }
      assert.equal(modelInCache(spec as Parameters<typeof modelInCache>[0]), true);
    } finally {
      server.close();
      for (const [k, v] of [['XDG_CACHE_HOME', saved.xdg], [AUTO_MODEL_HUB_ENV, saved.hub], [AUTO_MODEL_ID_ENV, saved.model]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
}
