// Question → retrieval over an index → checked answer: the one path the CLI and the extension share.
import type { Embedder } from '../embed/embedder.js';
import { searchIndex } from '../retrieve/searchIndex.js';
import type { RetrievalResult } from '../retrieve/types.js';
import type { IndexStore } from '../store/indexStore.js';
import { answerQuestion, type AnswerQuestionOptions } from './answerQuestion.js';
import type { AnswerResult } from './types.js';

export interface AskIndexOptions extends Omit<AnswerQuestionOptions, 'retrieval' | 'indexVersion'> {
  store: IndexStore;
  /** The configured embedder; used only when the index was built with the same model. */
  embedder?: Embedder | null;
  /** Sources retrieved before composition trims them to the context window. */
  k?: number;
  /** The retrieved sources, before the answer starts streaming (the UI can show them at once). */
  onRetrieved?: (retrieval: RetrievalResult) => void;
}

export interface AskIndexResult {
  retrieval: RetrievalResult;
  answer: AnswerResult;
}

/** Eight sources of ~60 lines fill an 8k-token window with room left for the answer. */
export const DEFAULT_ANSWER_SOURCES = 8;

export async function askIndex(options: AskIndexOptions): Promise<AskIndexResult> {
  const { store, embedder, k = DEFAULT_ANSWER_SOURCES, onRetrieved, ...rest } = options;
  const usable = embedder && embedder.id === store.identity.embedderId ? embedder : null;
  const retrieval = await searchIndex(store, options.question, { k, embedder: usable, signal: options.signal });
  if (embedder && !usable) {
    retrieval.warnings.push(`The index was built with ${store.identity.embedderId}, not ${embedder.id}: vector search was skipped until it is rebuilt.`);
  }
  onRetrieved?.(retrieval);
  const indexVersion = `${await store.contentVersion()}#${usable?.id ?? 'keyword'}`;
  const answer = await answerQuestion({ ...rest, retrieval, indexVersion });
  return { retrieval, answer };
}
