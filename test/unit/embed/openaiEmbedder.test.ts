import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { OpenAIEmbedder } from '../../../src/core/embed/openaiEmbedder.js';
import { AskCodebaseError } from '../../../src/core/types.js';

/** A loopback /v1/embeddings server whose vectors are a function of the text (letter counts). */
async function server(script: (n: number) => 'ok' | '429' | 'malformed') {
  let calls = 0;
  const bodies: unknown[] = [];
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const n = calls++;
      const parsed = JSON.parse(body) as { input: string[]; model: string };
      bodies.push(parsed);
      const what = script(n);
      if (what === '429') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify({ error: { message: 'slow down' } }));
        return;
      }
      if (what === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ index: 0 }] }));
        return;
      }
      const data = parsed.input.map((t, index) => ({ index, object: 'embedding', embedding: [...'abcd'].map((ch) => t.split(ch).length - 1 + 0.5) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: parsed.model }));
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(s.address() as { port: number }).port}/v1`, close: () => s.close(), bodies, calls: () => calls };
}

test('embeds through an OpenAI-compatible server in batches, normalised, after a 429', async () => {
  const srv = await server((n) => (n === 1 ? '429' : 'ok'));
  try {
    const e = await OpenAIEmbedder.create({ baseURL: srv.url, model: 'test-embed', batchSize: 2 });
    assert.equal(e.dimension, 4);
    const vs = await e.embed(['aaa', 'bbb', 'abcd']);
    assert.equal(vs.length, 3);
    assert.ok(vs[0][0] > vs[0][1], 'a-heavy text has a larger a-component');
    for (const v of vs) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
    assert.equal(srv.calls(), 4, 'probe + 429 + retry + second batch');
  } finally {
    srv.close();
  }
});

test('a malformed reply gives a clear error', async () => {
  const srv = await server((n) => (n === 0 ? 'ok' : 'malformed'));
  try {
    const e = await OpenAIEmbedder.create({ baseURL: srv.url, model: 'm' });
    await assert.rejects(e.embed(['x']), (err: unknown) => err instanceof AskCodebaseError && err.code === 'embed-server-malformed');
  } finally {
    srv.close();
  }
});

test('an unreachable server gives a clear error', async () => {
  await assert.rejects(OpenAIEmbedder.create({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 0 }), (err: unknown) => err instanceof AskCodebaseError && /127\.0\.0\.1:9/.test(err.message));
});
