// A model download that breaks off or arrives corrupted: a clear error, nothing poisoned in the
// cache, and the next try (the retry) downloads it whole and works. Against a loopback server in
// the hub layout serving the static test model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';

type Fault = 'none' | 'interrupt' | 'corrupt';

async function hub(fault: { current: Fault }): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const m = /^\/([^/]+)\/([^/]+)\/resolve\/[^/]+\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    const file = m ? path.join(testModelRoot, testModelId, m[3]) : '';
    if (!m || `${m[1]}/${m[2]}` !== testModelId || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const size = fs.statSync(file).size;
    res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    const isModel = m[3].endsWith('.onnx');
    if (isModel && fault.current === 'interrupt') {
      // Half the bytes, then the connection drops.
      const stream = fs.createReadStream(file, { end: Math.floor(size / 2) });
      stream.on('data', (d) => res.write(d));
      stream.on('end', () => res.socket?.destroy());
      return;
    }
    if (isModel && fault.current === 'corrupt') {
      // The right length, the wrong bytes (a proxy's error page, a flipped disk block).
      res.end(Buffer.alloc(size, 0x5a));
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

for (const kind of ['interrupt', 'corrupt'] as const) {
  test(`a ${kind === 'interrupt' ? 'broken-off' : 'corrupted'} download fails clearly, and the retry works`, async () => {
    const fault = { current: kind as Fault };
    const server = await hub(fault);
    const cacheDir = await fsp.mkdtemp(path.join(os.tmpdir(), `acb-models-${kind}-`));
    try {
      await assert.rejects(
        TransformersEmbedder.create({ modelId: testModelId, cacheDir, allowRemote: true, remoteHost: server.url }),
        (err: unknown) => err instanceof AskCodebaseError && err.code === 'model-unavailable' && err.message.includes(testModelId),
      );
      // Nothing damaged is left for a later load to trip over.
      assert.equal(fs.existsSync(path.join(cacheDir, testModelId, 'onnx', 'model.onnx')), false);
      fault.current = 'none';
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
