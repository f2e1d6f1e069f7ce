// A model server on 127.0.0.1 that speaks the OpenAI streaming protocol and misbehaves on
// purpose: each test hands it the pieces to send and whether to finish or go silent.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Behaviour {
  /** Content pieces streamed as chat.completion.chunk events. */
  pieces: string[];
  /** After the pieces: 'finish' ends the answer properly, 'stall' keeps the connection open and silent. */
  then: 'finish' | 'stall';
}

export class HostileModelServer {
  readonly bodies: string[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: http.Server;

  private constructor(private readonly behaviour: Behaviour) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(behaviour: Behaviour): Promise<HostileModelServer> {
    const s = new HostileModelServer(behaviour);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'hostile', object: 'model' }] }));
      return;
    }
    this.bodies.push(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'hostile' };
    const send = (o: object | string) => res.write(`data: ${typeof o === 'string' ? o : JSON.stringify(o)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const content of this.behaviour.pieces) {
      if (res.destroyed) return;
      // Respect back-pressure so a huge answer streams instead of piling up in memory.
      if (!send({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })) await new Promise((r) => res.once('drain', r));
    }
    if (this.behaviour.then === 'stall') return;
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    send('[DONE]');
    res.end();
  }
}
