// Each pair's candidates are fetched once; every setting of the grid then re-ranks them offline
// (rankCandidates is pure), so a grid costs CPU time, not index queries.
import type { Embedder } from '../embed/embedder.js';
import { fetchCandidates, type Candidates } from '../retrieve/candidates.js';
import { analyzeQuery, type QueryAnalysis } from '../retrieve/queryAnalysis.js';
import { rankCandidates } from '../retrieve/rankCandidates.js';
import type { RankingSettings } from '../retrieve/savedSettings.js';
import { DEFAULT_WEIGHTS } from '../retrieve/searchIndex.js';
import type { RetrievalMode } from '../retrieve/types.js';
import type { IndexStore } from '../store/indexStore.js';
import type { TuningPair } from './tuningPairs.js';

export interface PairCandidates {
  pair: TuningPair;
  analysis: QueryAnalysis;
  candidates: Candidates;
}

export interface HeldOutScore {
  mrr: number;
  recallAt10: number;
}

/**
 * Candidates per signal for a pair (search fetches 200): the fetch is most of the tuner's time
 * (~45 ms a pair at 200 on spring-framework with the machine busy), and files ranked in the top
 * 10 come from the head of each list.
 */
const PAIR_CANDIDATES = 100;
/** Chunks per file before other files (searchIndex's default); file rankings barely depend on it. */
const MAX_PER_FILE = 5;

export async function fetchPairCandidates(
  store: IndexStore,
  pairs: TuningPair[],
  o: { mode: RetrievalMode; embedder: Embedder | null; deadline: number; signal?: AbortSignal },
): Promise<PairCandidates[]> {
  const out: PairCandidates[] = [];
  for (const pair of pairs) {
    if (performance.now() > o.deadline) break;
    o.signal?.throwIfAborted();
    const analysis = analyzeQuery(pair.query);
    const candidates = await fetchCandidates(store, analysis, { mode: o.mode, embedder: o.embedder, useVector: o.mode === 'hybrid', limit: PAIR_CANDIDATES, signal: o.signal });
    if (pair.hiddenChunkId) {
      const visible = <T extends { id: string }>(list: T[]) => list.filter((h) => h.id !== pair.hiddenChunkId);
      candidates.keyword = visible(candidates.keyword);
      candidates.prose = visible(candidates.prose);
      candidates.vector = visible(candidates.vector);
    }
    out.push({ pair, analysis, candidates });
  }
  return out;
}

/** Mean file-level MRR and Recall@10 of `settings` over the pairs (files ranked by first appearance). */
export function scoreSettings(pcs: readonly PairCandidates[], settings: RankingSettings, mode: RetrievalMode): HeldOutScore {
  if (pcs.length === 0) return { mrr: 0, recallAt10: 0 };
  let mrr = 0;
  let recall = 0;
  const weights = { ...DEFAULT_WEIGHTS, ...settings.weights };
  for (const { pair, analysis, candidates } of pcs) {
    const ranked = rankCandidates(candidates, analysis, { mode, weights, priors: true, maxPerFile: MAX_PER_FILE, tuning: settings.tuning });
    const files: string[] = [];
    const seen = new Set<string>();
    for (const c of ranked) {
      if (seen.has(c.path)) continue;
      seen.add(c.path);
      files.push(c.path);
    }
    const gold = new Set(pair.goldFiles);
    const first = files.findIndex((f) => gold.has(f));
    if (first >= 0) mrr += 1 / (first + 1);
    recall += files.slice(0, 10).filter((f) => gold.has(f)).length / gold.size;
  }
  return { mrr: mrr / pcs.length, recallAt10: recall / pcs.length };
}
