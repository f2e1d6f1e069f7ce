// Embeddings from an OpenAI-compatible `/v1/embeddings` server (Ollama, LM Studio, OpenAI).
import OpenAI from 'openai';
import { AskCodebaseError } from '../types.js';
import type { Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  batchSize?: number;
  /** Retries on 429/5xx with backoff (the client honours Retry-After). */
  maxRetries?: number;
}

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly queryPrefix = '';
  readonly documentPrefix = '';
  private constructor(
    private readonly client: OpenAI,
    private readonly options: OpenAIEmbedderOptions,
    readonly dimension: number,
  ) {
    this.id = `openai:${options.model}@${new URL(options.baseURL).host}`;
  }

  static async create(options: OpenAIEmbedderOptions, signal?: AbortSignal): Promise<OpenAIEmbedder> {
    const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey || 'not-needed', maxRetries: options.maxRetries ?? 3, timeout: 60_000 });
    const probe = new OpenAIEmbedder(client, options, 0);
    const [v] = await probe.request(['dimension probe'], signal);
    return new OpenAIEmbedder(client, options, v.length);
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 64;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.request(texts.slice(i, i + size), signal)));
    return out;
  }

  async dispose(): Promise<void> {}

  private async request(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    let res;
    try {
      res = await this.client.embeddings.create({ model: this.options.model, input: texts, encoding_format: 'float' }, { signal });
    } catch (err) {
      if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Embedding was cancelled.', { cause: err });
      throw new AskCodebaseError('embed-server-failed', `The embeddings server at ${this.options.baseURL} failed: ${(err as Error).message}`, { cause: err });
    }
    const data = Array.isArray(res?.data) ? [...res.data].sort((a, b) => a.index - b.index) : null;
    if (!data || data.length !== texts.length || data.some((d) => !Array.isArray(d.embedding) || d.embedding.length === 0)) {
      throw new AskCodebaseError('embed-server-malformed', `The embeddings server at ${this.options.baseURL} sent a malformed reply (expected ${texts.length} vectors).`);
    }
    return data.map((d) => normalise(Float32Array.from(d.embedding as number[])));
  }
}

function normalise(v: Float32Array): Float32Array {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}
