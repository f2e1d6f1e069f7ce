// An LLM relevance judge on any OpenAI-compatible chat endpoint: one request per question lists
// the candidate chunks and asks for a 0–3 relevance grade for each. Unparseable or missing
// grades count as 0, so a sloppy reply degrades to the first-stage order, never to a crash.
import OpenAI, { APIError } from 'openai';
import { AskCodebaseError } from '../types.js';
import type { Reranker } from './reranker.js';
import type { RetrievedChunk } from './types.js';

export interface LlmJudgeOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Characters of each chunk shown to the judge (default 1,200: about 300 tokens). */
  maxChunkChars?: number;
}

const SYSTEM = [
  'You grade how relevant code snippets are to a developer question about their codebase.',
  'Grades: 3 = this is the code that answers or must change; 2 = closely related; 1 = loosely related; 0 = unrelated.',
  'Reply with one line per snippet, exactly "<number>: <grade>", and nothing else.',
].join('\n');

export class LlmJudgeReranker implements Reranker {
  readonly id: string;
  private readonly client: OpenAI;

  constructor(private readonly options: LlmJudgeOptions) {
    try {
      new URL(options.baseURL);
    } catch (err) {
      throw new AskCodebaseError('reranker-config', `The judge's server URL "${options.baseURL}" is not a valid URL.`, { cause: err });
    }
    if (!options.model) throw new AskCodebaseError('reranker-config', 'Name the judge model: llm:<url>#<model>.');
    this.id = `llm:${options.model}`;
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey || 'not-needed', maxRetries: 0, timeout: options.timeoutMs ?? 60_000, logLevel: 'off' });
  }

  /** The user message: the question, then each snippet numbered from 1 with its location. */
  prompt(question: string, chunks: RetrievedChunk[]): string {
    const max = this.options.maxChunkChars ?? 1200;
    const parts = chunks.map((c, i) => {
      const text = c.text.length > max ? c.text.slice(0, max) + '\n…' : c.text;
      return `[${i + 1}] ${c.path}:${c.startLine}-${c.endLine}${c.symbol ? ` (${c.symbol})` : ''}\n${text}`;
    });
    return `Question: ${question}\n\nSnippets:\n\n${parts.join('\n\n')}\n\nGrade all ${chunks.length} snippets.`;
  }

  async rerank(question: string, chunks: RetrievedChunk[], signal?: AbortSignal): Promise<number[]> {
    if (chunks.length === 0) return [];
    let reply = '';
    try {
      const stream = await this.client.chat.completions.create(
        { model: this.options.model, stream: true, temperature: 0, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: this.prompt(question, chunks) }] },
        { signal },
      );
      for await (const part of stream) reply += part.choices?.[0]?.delta?.content ?? '';
    } catch (err) {
      if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Reranking was cancelled.', { cause: err });
      const status = err instanceof APIError && err.status ? ` (HTTP ${err.status})` : '';
      throw new AskCodebaseError('reranker-failed', `The relevance judge at ${this.options.baseURL} failed${status}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    return parseGrades(reply, chunks.length);
  }
}

/** `3: 2` / `[3] 2` / `3 - 2` lines → grades by snippet (1-based in the reply); the rest 0. */
export function parseGrades(reply: string, n: number): number[] {
  const grades = new Array<number>(n).fill(0);
  for (const m of reply.matchAll(/^\s*\[?(\d{1,3})\]?(?:\s*[:=\-–]\s*|\s+)([0-3](?:\.\d+)?)\b/gm)) {
    const i = Number(m[1]) - 1;
    if (i >= 0 && i < n) grades[i] = Number(m[2]);
  }
  return grades;
}
