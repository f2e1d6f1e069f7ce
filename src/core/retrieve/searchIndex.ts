// Hybrid retrieval: keyword (BM25 over text + split identifiers + path tokens), exact symbol
// matches and, when a model is configured, vectors — fused by weighted RRF, adjusted by path
// priors, then de-duplicated and diversified.
import type { Embedder } from '../embed/embedder.js';
import type { ChunkRow } from '../store/schema.js';
import type { IndexStore, ChunkHit } from '../store/indexStore.js';
import { collapseIdentical, capPerFile } from './diversity.js';
import { fuseRankings, type RankedList } from './fusion.js';
import { pathPrior } from './pathPriors.js';
import { analyzeQuery } from './queryAnalysis.js';
import type { RetrievalMode, RetrievalResult, RetrievedChunk, SignalEvidence } from './types.js';
import type { ChunkKind } from '../types.js';

export interface SignalWeights {
  keyword: number;
  symbol: number;
  vector: number;
}

export interface SearchOptions {
  k?: number;
  mode?: RetrievalMode;
  embedder?: Embedder | null;
  weights?: Partial<SignalWeights>;
  maxPerFile?: number;
  /** Apply the test-file demotion and path boost (on by default; off for ablations). */
  priors?: boolean;
  signal?: AbortSignal;
}

/**
 * Keyword carries most of the weight: with the static test embedder the dev set's best RRF
 * weights were keyword 19 : vector 1 (shared/notes/retrieval-findings.md); a real model should be
 * re-weighted with `ask-codebase eval` on the user's own repository. Symbol weight on the dev set
 * (MRR): 0.25 → .634, 0.5 → .641, 1 → .631, 2 → .631.
 */
export const DEFAULT_WEIGHTS: SignalWeights = { keyword: 1, symbol: 0.5, vector: 0.05 };
/** Candidates fetched per signal before fusion; the fused list is cut to k afterwards. */
const CANDIDATES = 200;
/**
 * Chunks per file before the rest of that file waits behind other files. File rankings do not
 * depend on it; on fzf (dev set) LineHit@10 was .567 / .767 / .833 / .833 for caps 1 / 3 / 5 / none.
 */
const DEFAULT_MAX_PER_FILE = 5;

export async function searchIndex(store: IndexStore, question: string, options: SearchOptions = {}): Promise<RetrievalResult> {
  const t0 = performance.now();
  const analysis = analyzeQuery(question);
  const k = options.k ?? 10;
  const embedder = options.embedder ?? null;
  const wantVector = options.mode !== 'keyword' && embedder !== null && store.identity.dimension > 0;
  const mode: RetrievalMode = options.mode ?? (wantVector ? 'hybrid' : 'keyword');
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const warnings: string[] = [];
  if (options.mode && options.mode !== 'keyword' && !wantVector) warnings.push('No embedding model: vector search was skipped (keyword + symbol only).');
  if (analysis.truncated) warnings.push('The question was very long: searched by its identifiers, paths and most distinctive words.');

  const keywordQuery = [...analysis.identifiers, ...analysis.paths, ...analysis.terms].join(' ');
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    try {
      return await f();
    } finally {
      timings[name] = performance.now() - s;
    }
  };
  const [keywordHits, symbolRows, vectorHits] = await Promise.all([
    mode === 'vector' ? Promise.resolve([] as ChunkHit[]) : timed('keyword', () => store.searchKeyword(keywordQuery, { limit: CANDIDATES })),
    mode === 'vector' ? Promise.resolve([] as ChunkRow[]) : timed('symbol', () => store.chunksBySymbol(symbolCandidates(analysis.identifiers), 50)),
    wantVector && mode !== 'keyword'
      ? timed('vector', async () => {
          const [v] = await embedder!.embed([embedder!.queryPrefix + analysis.text], options.signal);
          return store.searchVector(v, { limit: CANDIDATES });
        })
      : Promise.resolve([] as ChunkHit[]),
  ]);

  const rows = new Map<string, ChunkRow>();
  for (const r of [...keywordHits, ...symbolRows, ...vectorHits]) rows.set(r.id, r);
  const lists: RankedList[] = [
    { signal: 'keyword', weight: mode === 'vector' ? 0 : weights.keyword, ids: keywordHits.map((h) => h.id) },
    { signal: 'symbol', weight: weights.symbol, ids: symbolRows.map((r) => r.id) },
    { signal: 'vector', weight: mode === 'vector' ? 1 : weights.vector, ids: vectorHits.map((h) => h.id) },
  ];
  const rawScores = new Map<string, Partial<Record<'keyword' | 'vector', number>>>();
  for (const h of keywordHits) rawScores.set(h.id, { keyword: h.score });
  for (const h of vectorHits) rawScores.set(h.id, { ...rawScores.get(h.id), vector: h.score });

  const termSet = new Set(analysis.terms);
  const usePriors = options.priors !== false;
  let ranked: RetrievedChunk[] = fuseRankings(lists).map((f) => {
    const row = rows.get(f.id)!;
    const signals: RetrievedChunk['signals'] = {};
    for (const [name, rank] of Object.entries(f.ranks)) {
      const ev: SignalEvidence = { rank: rank! };
      const raw = rawScores.get(f.id)?.[name as 'keyword' | 'vector'];
      if (raw !== undefined) ev.score = raw;
      signals[name as keyof typeof signals] = ev;
    }
    const prior = usePriors ? pathPrior(row.path, termSet, analysis.aboutTests) : 1;
    return toRetrieved(row, f.score * prior, signals);
  });
  ranked.sort((a, b) => b.score - a.score);
  ranked = capPerFile(collapseIdentical(ranked), options.maxPerFile ?? DEFAULT_MAX_PER_FILE).slice(0, k);
  timings.total = performance.now() - t0;

  const missing = await store.countChunksMissingVectors();
  const partial = wantVector && missing > 0;
  if (partial) warnings.push(`${missing} chunks are not embedded yet: vector results are partial.`);
  return { question, mode, chunks: ranked, partial, warnings, timingsMs: timings };
}

/** Identifiers as written, plus the last part of dotted names (`store.upsert` → `upsert`). */
function symbolCandidates(identifiers: string[]): string[] {
  const out = new Set<string>();
  for (const id of identifiers) {
    out.add(id);
    const last = id.split('.').pop();
    if (last) out.add(last);
  }
  return [...out];
}

function toRetrieved(row: ChunkRow, score: number, signals: RetrievedChunk['signals']): RetrievedChunk {
  return {
    id: row.id, path: row.path, startLine: row.start_line, endLine: row.end_line, language: row.language,
    kind: row.kind as ChunkKind, symbol: row.symbol, parents: row.parents ? row.parents.split(' › ') : [],
    text: row.text, contentHash: row.content_hash, score, signals, otherLocations: [],
  };
}
