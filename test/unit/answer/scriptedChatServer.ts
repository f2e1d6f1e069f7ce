// A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions streaming protocol,
// replying from a script so each test controls status codes, chunks, timing and disconnects.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON error body for non-200 replies. */
  error?: string;
  /** Raw `data:` payloads; strings are sent as-is, objects as JSON. '[DONE]' is not added automatically. */
  events?: Array<string | object>;
  /** Pause before each event. */
  eventDelayMs?: number;
  /** Destroy the socket after this many events instead of ending the response. */
  disconnectAfter?: number;
  /** After the events, keep the response open and silent (a server that stalls). */
  stall?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The body bytes exactly as received. */
  rawBody: string;
}

export class ScriptedChatServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new Set<import('node:net').Socket>();

  static async start(): Promise<ScriptedChatServer> {
    const s = new ScriptedChatServer();
    s.server.on('connection', (sock) => {
      s.sockets.add(sock);
      sock.on('close', () => s.sockets.delete(sock));
    });
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Queue replies for the next chat requests, in order. */
  reply(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  chatBodies(): Array<{ model: string; messages: Array<{ role: string; content: string }>; stream: boolean; max_tokens?: number }> {
    return this.requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => JSON.parse(r.rawBody));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'test-model', object: 'model' }] }));
      return;
    }
    const reply = this.script.shift() ?? { status: 500, error: 'no scripted reply left' };
    if (reply.status && reply.status !== 200) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify({ error: { message: reply.error ?? 'error', type: 'test' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    res.flushHeaders();
    const events = reply.events ?? [];
    for (let i = 0; i < events.length; i++) {
      // The pause comes first so that written events leave the socket before a scripted disconnect.
      if (reply.eventDelayMs) await new Promise((r) => setTimeout(r, reply.eventDelayMs));
      if (reply.disconnectAfter !== undefined && i >= reply.disconnectAfter) {
        res.socket?.destroy();
        return;
      }
      if (res.destroyed || res.socket?.destroyed) return;
      const e = events[i];
      // Respect back-pressure, so a huge scripted answer streams instead of piling up in memory.
      if (!res.write(`data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`)) await new Promise((r) => res.once('drain', r));
    }
    if (reply.disconnectAfter !== undefined) {
      res.socket?.destroy();
      return;
    }
    if (reply.stall) return;
    res.end();
  }
}

/** The SSE events of a normal streamed completion of `pieces`; without `finish`, one that never ends. */
export function completionEvents(pieces: string[], model = 'test-model', finish = true): Array<string | object> {
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model };
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...pieces.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    ...(finish ? [{ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }, '[DONE]'] : []),
  ];
}
