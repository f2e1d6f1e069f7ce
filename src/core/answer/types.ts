// Contracts of the answering engine: chat messages, the provider interface and the checked result.
import type { RetrievedChunk } from '../retrieve/types.js';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** One numbered source as it went into the prompt (1-based index, possibly truncated). */
export interface PromptSource {
  index: number;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  language: string;
  /** Exact text of lines startLine..endLine (secrets may be redacted for remote providers). */
  text: string;
  /** hashText of the indexed (unredacted) lines startLine..endLine, for the citation check. */
  contentHash: string;
  signals: RetrievedChunk['signals'];
  /** True when the source was cut to fit the context window. */
  truncated: boolean;
  /** True for the editor selection the user asked about (not a retrieval hit). */
  fromSelection: boolean;
}

export interface ComposedPrompt {
  question: string;
  messages: ChatMessage[];
  sources: PromptSource[];
  /** Estimated prompt size in tokens (see core/tokenEstimate.ts). */
  promptTokens: number;
  /** Sources left out or cut to fit the window, for the user. */
  warnings: string[];
  /** Secrets replaced by [REDACTED] in the question, selection and sources. */
  redactedSecrets: number;
}

export interface StreamOptions {
  signal?: AbortSignal;
  maxTokens?: number;
  /** The structured prompt behind `messages`; providers without a model (extractive) read it. */
  prompt?: ComposedPrompt;
}

/** A way to turn a prompt into answer text: a language model or the extractive fallback. */
export interface AnswerProvider {
  /** Kind of provider: 'vscode' | 'openai' | 'extractive' (selectProvider orders by it). */
  readonly id: string;
  readonly label: string;
  /** True when the prompt never leaves this machine (no redaction, allowed by any policy). */
  readonly isLocal: boolean;
  /** Model name, part of the answer cache key; absent for providers without a model. */
  readonly model?: string;
  available(): Promise<boolean>;
  stream(messages: ChatMessage[], options: StreamOptions): AsyncIterable<string>;
}

export type CitationStatus = 'valid' | 'stale' | 'invalid';

export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface CheckedCitation {
  /** The text as written in the answer, e.g. '[2]' or 'src/a.ts:10-20'. */
  marker: string;
  sourceIndex?: number;
  path: string;
  startLine: number;
  endLine: number;
  status: CitationStatus;
  reason?: string;
  /** For a stale citation whose text was found elsewhere in the file: where it is now. */
  movedTo?: LineRange;
}

export interface AnswerSource {
  index: number;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  text: string;
  /** hashText of the indexed lines, so a cached answer can be re-checked later. */
  contentHash: string;
  signals: RetrievedChunk['signals'];
  status: CitationStatus;
  reason?: string;
  movedTo?: LineRange;
}

export interface AnswerResult {
  question: string;
  text: string;
  /** Provider id that wrote the text. */
  provider: string;
  model?: string;
  cached: boolean;
  /** False when the stream broke off; the text is what arrived. */
  complete: boolean;
  citations: CheckedCitation[];
  sources: AnswerSource[];
  promptTokens: number;
  warnings: string[];
}

/** Reads a workspace file by its index path; the caller resolves it against the right root. */
export type ReadFile = (path: string) => Promise<string>;

/** Whether prompts may go to a provider that is not on this machine. */
export interface RemotePolicy {
  allowRemote: boolean;
  workspaceTrusted: boolean;
}
