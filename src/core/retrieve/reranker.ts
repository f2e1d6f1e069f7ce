// The optional second-stage reranker: scores (question, chunk) pairs more carefully than the
// first stage can. Off by default; a failure leaves the first-stage order and a warning.
import type { RetrievedChunk } from './types.js';

export interface Reranker {
  /** Shown in results and eval reports, e.g. `cross-encoder:Xenova/ms-marco-MiniLM-L-6-v2`. */
  readonly id: string;
  /** One relevance score per chunk, in the chunks' order; higher is more relevant. */
  rerank(question: string, chunks: RetrievedChunk[], signal?: AbortSignal): Promise<number[]>;
  dispose?(): Promise<void>;
}

/** Chunks reranked per query: past ~30 the first stage's order is as good and the cost grows linearly. */
export const DEFAULT_RERANK_DEPTH = 30;

/**
 * Reorders the first `depth` chunks by the reranker's scores (first-stage order breaks ties) and
 * records each chunk's rerank rank and score; chunks past `depth` keep their place after them.
 */
export function applyRerankScores(chunks: RetrievedChunk[], scores: number[], depth: number): RetrievedChunk[] {
  const head = chunks.slice(0, depth);
  if (scores.length !== head.length) throw new Error(`reranker returned ${scores.length} scores for ${head.length} chunks`);
  const order = head.map((c, i) => ({ c, i, s: Number.isFinite(scores[i]) ? scores[i] : -Infinity })).sort((a, b) => b.s - a.s || a.i - b.i);
  // Scores stay monotone in the new order so a relative cutoff downstream still reads them.
  const top = head.length > 0 ? head[0].score : 0;
  const reranked = order.map(({ c, s }, rank) => ({
    ...c,
    score: top * (1 - rank / (2 * Math.max(1, head.length))),
    signals: { ...c.signals, rerank: { rank: rank + 1, score: s } },
  }));
  const floor = reranked.length > 0 ? reranked[reranked.length - 1].score : Infinity;
  return [...reranked, ...chunks.slice(depth).map((c) => ({ ...c, score: Math.min(c.score, floor) }))];
}
