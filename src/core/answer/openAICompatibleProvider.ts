// Answers through any server speaking the OpenAI chat-completions API (OpenAI, Ollama, llama.cpp, vLLM).
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIError } from 'openai';
import { AskCodebaseError } from '../types.js';
import { cancelledError, describeProviderError } from './providerErrors.js';
import { retryDelayMs } from './retryDelay.js';
import type { AnswerProvider, ChatMessage, StreamOptions } from './types.js';

export interface OpenAICompatibleOptions {
  baseURL: string;
  model: string;
  /** Local servers usually ignore it; the client needs a non-empty string. */
  apiKey?: string;
  label?: string;
  /** Override the loopback detection, e.g. for an SSH tunnel on localhost to a remote machine. */
  local?: boolean;
  /** Time allowed until the server starts answering. */
  timeoutMs?: number;
  /** Retries after a 429 or 503 before giving up. */
  maxRetries?: number;
}

/** Local models may take long to load before the first token; 60 s covers a cold 7B load on CPU. */
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 3;
const AVAILABILITY_TIMEOUT_MS = 3_000;

export class OpenAICompatibleProvider implements AnswerProvider {
  readonly id = 'openai';
  readonly label: string;
  readonly isLocal: boolean;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly baseURL: string;
  private readonly maxRetries: number;

  constructor(options: OpenAICompatibleOptions) {
    let url: URL;
    try {
      url = new URL(options.baseURL);
    } catch (err) {
      throw new AskCodebaseError('provider-config', `The model server URL "${options.baseURL}" is not a valid URL.`, { cause: err });
    }
    if (!options.model) throw new AskCodebaseError('provider-config', 'Set the model name for the OpenAI-compatible server.');
    this.baseURL = options.baseURL;
    this.model = options.model;
    this.isLocal = options.local ?? isLoopbackHost(url.hostname);
    this.label = options.label ?? `${options.model} at ${url.host}`;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    // Retries are ours (bounded Retry-After); the client's own would wait as long as the server asks.
    this.client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey || 'not-needed',
      maxRetries: 0,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Every failure reaches the caller as an AskCodebaseError; the client's own console logging would duplicate it.
      logLevel: 'off',
    });
  }

  async available(): Promise<boolean> {
    try {
      await this.client.models.list({ timeout: AVAILABILITY_TIMEOUT_MS });
      return true;
    } catch (err) {
      // Some servers lack /models yet chat fine; only an answer that isn't 404 counts as absent.
      return err instanceof APIError && err.status === 404;
    }
  }

  async *stream(messages: ChatMessage[], options: StreamOptions): AsyncIterable<string> {
    const { signal } = options;
    const stream = await this.open(messages, options);
    let finished = false;
    try {
      for await (const chunk of stream) {
        const choice = Array.isArray(chunk?.choices) ? chunk.choices[0] : undefined;
        const content = choice?.delta?.content;
        if (typeof content === 'string' && content) yield content;
        if (choice?.finish_reason) finished = true;
      }
    } catch (err) {
      throw describeProviderError(err, this.baseURL, this.model, signal);
    }
    if (signal?.aborted) throw cancelledError(signal.reason);
    if (!finished) {
      throw new AskCodebaseError(
        'provider-disconnected',
        `The model server at ${this.baseURL} closed the connection before the answer was finished.`,
      );
    }
  }

  private async open(messages: ChatMessage[], { signal, maxTokens }: StreamOptions) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.chat.completions.create(
          { model: this.model, messages, stream: true, ...(maxTokens ? { max_tokens: maxTokens } : {}) },
          { signal },
        );
      } catch (err) {
        const retryable = err instanceof APIError && (err.status === 429 || err.status === 503);
        if (!retryable || attempt >= this.maxRetries || signal?.aborted) {
          throw describeProviderError(err, this.baseURL, this.model, signal);
        }
        try {
          await sleep(retryDelayMs(err.headers, attempt), undefined, { signal });
        } catch (abort) {
          throw cancelledError(abort);
        }
      }
    }
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
