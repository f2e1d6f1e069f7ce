// Hybrid retrieval: keyword (BM25 over text + split identifiers + path tokens), exact symbol
// matches and, when a model is configured, vectors — fused by weighted RRF, adjusted by path
// priors, then composed: near-duplicates collapsed, optionally reranked, cut where scores fall off.
import type { Embedder } from '../embed/embedder.js';
import type { IndexStore } from '../store/indexStore.js';
import { AskCodebaseError } from '../types.js';
import { fetchCandidates, type KeywordTuning } from './candidates.js';
import { relativeCutoff } from './diversity.js';
import { indexIsBuilding } from './indexState.js';
import { collapseNearDuplicates, nearDuplicateGroups } from './nearDuplicates.js';
import { analyzeQuery } from './queryAnalysis.js';
import { rankCandidates, type RankingTuning, type SignalWeights } from './rankCandidates.js';
import { applyRerankScores, DEFAULT_RERANK_DEPTH, type Reranker } from './reranker.js';
import { savedRankingSettings } from './savedSettings.js';
import type { RetrievalMode, RetrievalResult, RetrievedChunk } from './types.js';

export type { SignalWeights } from './rankCandidates.js';

export interface SearchOptions {
  k?: number;
  mode?: RetrievalMode;
  embedder?: Embedder | null;
  weights?: Partial<SignalWeights>;
  maxPerFile?: number;
  /** Apply the test-file demotion and path boost (on by default; off for ablations). */
  priors?: boolean;
  /** Ranking knobs for ablations (rankCandidates.ts); defaults are the measured best. */
  tuning?: RankingTuning;
  /** Keyword field weights and exact-token boost, for ablations (candidates.ts). */
  keyword?: KeywordTuning;
  /** Collapse near-duplicate chunks (on by default). */
  nearDuplicates?: boolean;
  /** Drop results scoring below this fraction of the best (default 0.2; 0 keeps all). */
  minRelativeScore?: number;
  /** Optional second stage; off unless given. */
  reranker?: Reranker | null;
  /** Chunks the reranker sees (default 30). */
  rerankDepth?: number;
  /**
   * Use the ranking settings the repository's self-evaluation saved in the index (default true);
   * `weights` and `tuning` given here still override them knob by knob.
   */
  savedSettings?: boolean;
  signal?: AbortSignal;
}

/**
 * Keyword carries most of the weight: with the static test embedder the dev set's best RRF
 * weights were keyword 19 : vector 1 (1 : 1 scored below BM25 alone, MRR .442 vs .540); a real
 * model should be re-weighted with `ask-codebase eval` on the user's own repository. Symbol
 * weight on the dev set (MRR): 0.25 → .634, 0.5 → .641, 1 → .631, 2 → .631.
 */
export const DEFAULT_WEIGHTS: SignalWeights = { keyword: 1, symbol: 0.5, vector: 0.05 };
/**
 * Chunks per file before the rest of that file waits behind other files. File rankings do not
 * depend on it; on fzf (dev set) LineHit@10 was .567 / .767 / .833 / .833 for caps 1 / 3 / 5 / none.
 */
const DEFAULT_MAX_PER_FILE = 5;
/**
 * Near-duplicates are looked for among this many top chunks (pairwise, so bounded): 60 cost
 * ~17 ms p50 on typeorm (scripts/bench/search.ts); the answer engine uses 8–10 results.
 */
const NEAR_DUPLICATE_WINDOW = 30;
/** Never cut below this many results, whatever the scores. */
const CUTOFF_MIN_RESULTS = 10;
export const DEFAULT_MIN_RELATIVE_SCORE = 0.2;

export async function searchIndex(store: IndexStore, question: string, options: SearchOptions = {}): Promise<RetrievalResult> {
  const t0 = performance.now();
  const analysis = analyzeQuery(question);
  const k = options.k ?? 10;
  const embedder = options.embedder ?? null;
  const warnings: string[] = [];
  let partial = false;
  if (embedder && store.identity.dimension > 0 && embedder.id !== store.identity.embedderId) {
    warnings.push(`This index was built with ${store.identity.embedderId}, not ${embedder.id}: vector search was skipped. Re-index to use ${embedder.id}.`);
  }
  const usable = embedder && embedder.id === store.identity.embedderId ? embedder : null;
  const wantVector = options.mode !== 'keyword' && usable !== null && store.identity.dimension > 0;
  const mode: RetrievalMode = options.mode ?? (wantVector ? 'hybrid' : 'keyword');
  const saved = options.savedSettings === false ? undefined : await savedRankingSettings(store);
  const weights = { ...DEFAULT_WEIGHTS, ...saved?.weights, ...options.weights };
  const tuning = saved?.tuning || options.tuning ? { ...saved?.tuning, ...options.tuning } : undefined;
  if (options.mode && options.mode !== 'keyword' && !wantVector) warnings.push('No embedding model: vector search was skipped (keyword + symbol only).');
  if (analysis.truncated) warnings.push('The question was very long: searched by its identifiers, paths and most distinctive words.');
  if (analysis.terms.length === 0 && analysis.identifiers.length === 0) warnings.push('The question has no searchable words (only stop words, numbers or punctuation).');

  // A vector weight of 0 (the self-evaluation found vectors earn nothing here): the question is not embedded.
  const useVector = wantVector && mode !== 'keyword' && weights.vector > 0;
  const candidates = await fetchCandidates(store, analysis, { mode, embedder: usable, useVector, keyword: options.keyword, signal: options.signal });
  const timings = candidates.timingsMs;
  let ranked = rankCandidates(candidates, analysis, {
    mode, weights, priors: options.priors !== false, maxPerFile: options.maxPerFile ?? DEFAULT_MAX_PER_FILE, tuning,
  });

  if (options.nearDuplicates !== false) {
    const s = performance.now();
    ranked = [...(await collapseNear(store, ranked.slice(0, NEAR_DUPLICATE_WINDOW))), ...ranked.slice(NEAR_DUPLICATE_WINDOW)];
    timings.nearDuplicates = performance.now() - s;
  }
  if (options.reranker) {
    const s = performance.now();
    const depth = options.rerankDepth ?? DEFAULT_RERANK_DEPTH;
    try {
      const scores = await options.reranker.rerank(analysis.text, ranked.slice(0, depth), options.signal);
      ranked = applyRerankScores(ranked, scores, depth);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      warnings.push(`Reranking with ${options.reranker.id} failed, results are in first-stage order: ${err instanceof AskCodebaseError ? err.message : (err as Error).message}`);
    }
    timings.rerank = performance.now() - s;
  }
  ranked = relativeCutoff(ranked, options.minRelativeScore ?? DEFAULT_MIN_RELATIVE_SCORE, Math.max(k, CUTOFF_MIN_RESULTS)).slice(0, k);
  timings.total = performance.now() - t0;

  const missing = await store.countChunksMissingVectors();
  if (wantVector && missing > 0) {
    partial = true;
    warnings.push(`${missing} chunks are not embedded yet: vector results are partial.`);
  }
  if (await indexIsBuilding(store.dir)) {
    partial = true;
    warnings.push('The index is still being built: results cover only the files indexed so far.');
  }
  if (ranked.length === 0 && (await store.stats()).chunks === 0) warnings.push('The index is empty: nothing has been indexed yet.');
  return { question, mode, chunks: ranked, partial, warnings, timingsMs: timings };
}

async function collapseNear(store: IndexStore, chunks: RetrievedChunk[]): Promise<RetrievedChunk[]> {
  const vectors = store.identity.dimension > 0 ? await store.chunkVectors(chunks.map((c) => c.id)) : undefined;
  const groups = nearDuplicateGroups(chunks, { vectors });
  if (groups.every((g) => g.length === 1)) return chunks;
  const paths = [...new Set(groups.filter((g) => g.length > 1).flatMap((g) => g.map((i) => chunks[i].path)))];
  return collapseNearDuplicates(chunks, { vectors, mtimes: await store.fileMtimes(paths) });
}
