// Question → retrieval over an index → small-to-big packing → checked answer: the one path the
// CLI and the extension share.
import type { Embedder } from '../embed/embedder.js';
import { packContext, type PackedChunk } from '../retrieve/packContext.js';
import { searchIndex } from '../retrieve/searchIndex.js';
import type { RetrievalResult, RetrievedChunk } from '../retrieve/types.js';
import type { IndexStore } from '../store/indexStore.js';
import { answerQuestion, type AnswerQuestionOptions } from './answerQuestion.js';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_ANSWER_TOKENS } from './composePrompt.js';
import type { AnswerResult } from './types.js';

export interface AskIndexOptions extends Omit<AnswerQuestionOptions, 'retrieval' | 'indexVersion'> {
  store: IndexStore;
  /** The configured embedder; searchIndex uses it only when the index was built with the same model. */
  embedder?: Embedder | null;
  /** Sources retrieved before packing and composition fit them to the context window. */
  k?: number;
  /** Reads a file's bytes by index path, so packing can grow a hit across lines between chunks. */
  readBytes?: (path: string) => Promise<Uint8Array | undefined>;
  /** The retrieved sources, before the answer starts streaming (the UI can show them at once). */
  onRetrieved?: (retrieval: RetrievalResult) => void;
}

export interface AskIndexResult {
  retrieval: RetrievalResult;
  answer: AnswerResult;
}

/** Eight sources of ~60 lines fill an 8k-token window with room left for the answer. */
export const DEFAULT_ANSWER_SOURCES = 8;
/** Instructions, question and per-source headers, kept out of the packing budget. */
const PROMPT_OVERHEAD_TOKENS = 700;

export async function askIndex(options: AskIndexOptions): Promise<AskIndexResult> {
  const { store, embedder, k = DEFAULT_ANSWER_SOURCES, onRetrieved, readBytes, ...rest } = options;
  const found = await searchIndex(store, options.question, { k, embedder, signal: options.signal });
  const budget = (options.contextWindow ?? DEFAULT_CONTEXT_WINDOW) - (options.maxTokens ?? DEFAULT_MAX_ANSWER_TOKENS) - PROMPT_OVERHEAD_TOKENS;
  const retrieval = budget > 0 && found.chunks.length > 0 ? await packed(found, store, budget, readBytes) : found;
  onRetrieved?.(retrieval);
  const indexVersion = `${await store.contentVersion()}#${retrieval.mode}`;
  const answer = await answerQuestion({ ...rest, retrieval, indexVersion });
  return { retrieval, answer };
}

/** The hits grown to their enclosing symbol or neighbours while the budget allows (small-to-big). */
async function packed(result: RetrievalResult, store: IndexStore, budgetTokens: number, readFile: AskIndexOptions['readBytes']): Promise<RetrievalResult> {
  const pack = await packContext(result, store, { budgetTokens, readFile });
  const chunks = pack.chunks.map((p) => asRetrieved(p, result.chunks)).filter((c): c is RetrievedChunk => c !== undefined);
  const warnings = pack.omitted > 0 ? [...result.warnings, `${pack.omitted} more source${pack.omitted === 1 ? '' : 's'} did not fit the context window.`] : result.warnings;
  return { ...result, chunks, warnings };
}

function asRetrieved(p: PackedChunk, hits: readonly RetrievedChunk[]): RetrievedChunk | undefined {
  const best = p.hits[0];
  const hit = hits.find((h) => h.path === best?.path && h.startLine === best.startLine && h.endLine === best.endLine);
  if (!hit) return undefined;
  return { ...hit, path: p.path, startLine: p.startLine, endLine: p.endLine, symbol: p.symbol || hit.symbol, text: p.text, contentHash: p.contentHash, score: p.score, signals: p.signals, otherLocations: p.otherLocations };
}
