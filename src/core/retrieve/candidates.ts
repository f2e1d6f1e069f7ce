// The first stage of search: each signal's own ranked candidates, fetched in parallel. Ranking
// them (rankCandidates) is a separate, pure step, so it can be measured and tuned offline.
import type { Embedder } from '../embed/embedder.js';
import type { ChunkRow } from '../store/schema.js';
import type { ChunkHit, FtsColumn, IndexStore } from '../store/indexStore.js';
import type { QueryAnalysis } from './queryAnalysis.js';
import type { RetrievalMode } from './types.js';

export interface Candidates {
  keyword: ChunkHit[];
  /** The stemmed plain-language field on its own, when it is fused as a signal of its own. */
  prose: ChunkHit[];
  symbol: ChunkRow[];
  vector: ChunkHit[];
  timingsMs: Record<string, number>;
}

/** How the keyword signal weighs its fields and the question's exact tokens. */
export interface KeywordTuning {
  boosts?: Partial<Record<FtsColumn, number>>;
  /** Take the better field's BM25 score (default, measured best) or add them up (BM25F-like). */
  combine?: 'sum' | 'max';
  exactBoost?: number;
  /** Search the stemmed field as its own ranked list (fused by weight) instead of inside the keyword query. */
  separateProse?: boolean;
}

export const DEFAULT_KEYWORD_TUNING: KeywordTuning = { exactBoost: 2 };

/** Candidates fetched per signal before fusion; the fused list is cut to k afterwards. */
export const CANDIDATES_PER_SIGNAL = 200;
const SYMBOL_CANDIDATES = 50;

export function keywordQueryOf(analysis: QueryAnalysis): string {
  return [...analysis.identifiers, ...analysis.paths, ...analysis.terms].join(' ');
}

export async function fetchCandidates(
  store: IndexStore,
  analysis: QueryAnalysis,
  opts: { mode: RetrievalMode; embedder: Embedder | null; useVector: boolean; limit?: number; keyword?: KeywordTuning; signal?: AbortSignal },
): Promise<Candidates> {
  const timingsMs: Record<string, number> = {};
  const limit = opts.limit ?? CANDIDATES_PER_SIGNAL;
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    try {
      return await f();
    } finally {
      timingsMs[name] = performance.now() - s;
    }
  };
  const embedder = opts.embedder;
  const tuning = { ...DEFAULT_KEYWORD_TUNING, ...opts.keyword };
  const query = keywordQueryOf(analysis);
  const noHits = Promise.resolve([] as ChunkHit[]);
  const [keyword, prose, symbol, vector] = await Promise.all([
    opts.mode === 'vector'
      ? noHits
      : timed('keyword', () =>
          store.searchKeyword(query, { limit, exact: analysis.exact, ...tuning, boosts: tuning.separateProse ? { ...tuning.boosts, prose: 0 } : tuning.boosts })),
    opts.mode === 'vector' || !tuning.separateProse ? noHits : timed('prose', () => store.searchKeyword(query, { limit, boosts: { idents: 0, prose: 1 } })),
    opts.mode === 'vector' ? Promise.resolve([] as ChunkRow[]) : timed('symbol', () => store.chunksBySymbol(symbolCandidates(analysis.identifiers), SYMBOL_CANDIDATES)),
    opts.useVector && embedder
      ? timed('vector', async () => {
          const [v] = await embedder.embed([embedder.queryPrefix + analysis.text], opts.signal);
          return store.searchVector(v, { limit });
        })
      : Promise.resolve([] as ChunkHit[]),
  ]);
  return { keyword, prose, symbol, vector, timingsMs };
}

/** Identifiers as written, plus the last part of dotted names (`store.upsert` → `upsert`). */
export function symbolCandidates(identifiers: string[]): string[] {
  const out = new Set<string>();
  for (const id of identifiers) {
    out.add(id);
    const last = id.split('.').pop();
    if (last) out.add(last);
  }
  return [...out];
}
