// A loopback server in the Hugging Face hub layout (/<org>/<name>/resolve/<revision>/<file>)
// serving the static test model, with faults a real download meets.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { testModelId, testModelRoot } from './testModel.js';

export type DownloadFault = 'none' | 'interrupt' | 'corrupt';

/** `modelRoot`: the folder holding `<org>/<name>/` of the test model (default: the unit tests' cache). */
export async function startModelHub(o: { onServe?: (file: string) => void; fault?: () => DownloadFault; modelRoot?: string } = {}): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const m = /^\/([^/]+)\/([^/]+)\/resolve\/[^/]+\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    const file = m ? path.join(o.modelRoot ?? testModelRoot, testModelId, m[3]) : '';
    if (!m || `${m[1]}/${m[2]}` !== testModelId || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    o.onServe?.(m[3]);
    const size = fs.statSync(file).size;
    res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    const fault = m[3].endsWith('.onnx') ? (o.fault?.() ?? 'none') : 'none';
    if (fault === 'interrupt') {
      // Half the bytes, then the connection drops.
      const stream = fs.createReadStream(file, { end: Math.floor(size / 2) });
      stream.on('data', (d) => res.write(d));
      stream.on('end', () => res.socket?.destroy());
    } else if (fault === 'corrupt') {
      // The right length, the wrong bytes (a proxy's error page, a flipped disk block).
      res.end(Buffer.alloc(size, 0x5a));
    } else {
      fs.createReadStream(file).pipe(res);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}
