// The second stage of search: fuse the signals' candidates into one chunk ranking, apply the
// path priors and the file-level evidence. Pure (no I/O), so ablations replay it offline.
import type { ChunkRow } from '../store/schema.js';
import { followsCode, type ContentKind } from '../scan/contentKind.js';
import type { ChunkKind } from '../types.js';
import type { Candidates } from './candidates.js';
import { collapseIdentical, capPerFile, codeFirst } from './diversity.js';
import { fuseRankings, RRF_K, type RankedList } from './fusion.js';
import { PATH_MATCH_BOOST, pathPrior, TEST_FILE_FACTOR } from './pathPriors.js';
import type { QueryAnalysis } from './queryAnalysis.js';
import type { RetrievalMode, RetrievedChunk, SignalEvidence } from './types.js';

export interface SignalWeights {
  keyword: number;
  /** The stemmed field's own list, when candidates fetched it separately. */
  prose?: number;
  symbol: number;
  vector: number;
}

export interface RankingOptions {
  mode: RetrievalMode;
  weights: SignalWeights;
  /** Apply the test-file demotion and path boost. */
  priors: boolean;
  maxPerFile: number;
  /** Ablation knobs; every one defaults to the shipped setting. */
  tuning?: RankingTuning;
}

export interface RankingTuning {
  /** RRF constant. */
  rrfK?: number;
  /** Multiplier for test-like files when the question is not about tests. */
  testFactor?: number;
  /** Per path-component match boost. */
  pathBoost?: number;
  /**
   * File-level evidence: each chunk gains this fraction of the scores of its file's next-best
   * chunks (up to `fileEvidenceDepth` of them), so a file matching in several places rises.
   */
  fileEvidence?: number;
  fileEvidenceDepth?: number;
  /** 'rank' = weighted RRF for keyword; 'score' = BM25 normalised by the best hit, on the RRF scale. */
  keywordScore?: 'rank' | 'score';
  /**
   * A keyword hit whose BM25 score is at least this many times the best hit of any other file is
   * decisive (a rare exact word, such as a unique identifier, only it contains) and ranks first.
   * 0 turns the rule off.
   */
  decisiveKeywordRatio?: number;
  /** Scores of docs and data chunks are multiplied by this unless the question is about docs. */
  otherKindFactor?: number;
  /** ... and at most this many of every 10 results are docs or data while code remains (code first). */
  otherKindPer10?: number;
  /** Scores of docs and data chunks are multiplied by this when the question is about docs, config or usage. */
  docsQuestionBoost?: number;
}

/**
 * Chosen on both dev sets together (docs/benchmarks.md, grids of eval variants): commit messages
 * gain from file evidence (a change touches a file in several places), plain-language questions
 * about one function lose from it, and gain from sharper ranks (RRF k 20 rather than 60). At
 * k 20, evidence 0.15 × the next 4 chunks and path boost 0.1: questions MRR .598, commit messages
 * .709; k 60 with evidence 0.1 gave .546 / .715, k 10 .620 / .690. The decisive ratio stays 1.5:
 * 2 gained questions .008 but found 18 instead of 20 of the index bench's saved identifiers first.
 */
export const DEFAULT_TUNING: RankingTuning = {
  rrfK: 20, testFactor: TEST_FILE_FACTOR, pathBoost: PATH_MATCH_BOOST, fileEvidence: 0.15, fileEvidenceDepth: 4, keywordScore: 'rank', decisiveKeywordRatio: 1.5,
  // Code first: without the lane MRR falls .601 → .536 (questions) and .715 → .663 (commit
  // messages); factor 0.3 rather than 0.5 (with tests at 0.25) moved them .598 → .601, .709 → .715.
  otherKindFactor: 0.3, otherKindPer10: 2, docsQuestionBoost: 2,
};

export function rankCandidates(c: Candidates, analysis: QueryAnalysis, o: RankingOptions): RetrievedChunk[] {
  const rows = new Map<string, ChunkRow>();
  for (const r of [...c.keyword, ...c.prose, ...c.symbol, ...c.vector]) rows.set(r.id, r);
  const lists: RankedList[] = [
    { signal: 'keyword', weight: o.mode === 'vector' ? 0 : o.weights.keyword, ids: c.keyword.map((h) => h.id) },
    { signal: 'prose', weight: o.mode === 'vector' ? 0 : (o.weights.prose ?? 1), ids: c.prose.map((h) => h.id) },
    { signal: 'symbol', weight: o.weights.symbol, ids: c.symbol.map((r) => r.id) },
    { signal: 'vector', weight: o.mode === 'vector' ? 1 : o.weights.vector, ids: c.vector.map((h) => h.id) },
  ];
  const rawScores = new Map<string, Partial<Record<'keyword' | 'prose' | 'vector', number>>>();
  for (const h of c.keyword) rawScores.set(h.id, { keyword: h.score });
  for (const h of c.prose) rawScores.set(h.id, { ...rawScores.get(h.id), prose: h.score });
  for (const h of c.vector) rawScores.set(h.id, { ...rawScores.get(h.id), vector: h.score });

  const t = { ...DEFAULT_TUNING, ...o.tuning };
  const rrfK = t.rrfK ?? RRF_K;
  const fused = fuseRankings(lists, rrfK);
  if (t.keywordScore === 'score' && c.keyword.length > 0) {
    // Replace the keyword list's RRF share with its normalised BM25 score on the same scale.
    const best = c.keyword[0].score || 1;
    for (const f of fused) {
      const r = f.ranks.keyword;
      if (r === undefined) continue;
      f.score += o.weights.keyword * ((rawScores.get(f.id)!.keyword! / best) / (rrfK + 1) - 1 / (rrfK + r));
    }
  }
  const termSet = new Set(analysis.terms);
  let ranked: RetrievedChunk[] = fused.map((f) => {
    const row = rows.get(f.id)!;
    const signals: RetrievedChunk['signals'] = {};
    for (const [name, rank] of Object.entries(f.ranks)) {
      const ev: SignalEvidence = { rank: rank! };
      const raw = rawScores.get(f.id)?.[name as 'keyword' | 'prose' | 'vector'];
      if (raw !== undefined) ev.score = raw;
      signals[name as keyof typeof signals] = ev;
    }
    const prior = o.priors ? pathPrior(row.path, termSet, analysis.aboutTests, t.testFactor, t.pathBoost, row.content_kind === 'test') * kindPrior(row.content_kind, analysis.aboutDocs, t) : 1;
    return toRetrieved(row, f.score * prior, signals);
  });
  if (t.fileEvidence) ranked = addFileEvidence(ranked, t.fileEvidence, t.fileEvidenceDepth ?? 2);
  const decisive = t.decisiveKeywordRatio && o.mode !== 'vector' ? decisiveKeywordHit(c.keyword, t.decisiveKeywordRatio) : undefined;
  if (decisive) {
    const top = Math.max(...ranked.map((r) => r.score));
    ranked = ranked.map((r) => (r.id === decisive ? { ...r, score: top * 1.001 + 1e-9 } : r));
  }
  ranked.sort((a, b) => b.score - a.score);
  const composed = capPerFile(collapseIdentical(ranked), o.maxPerFile);
  return o.priors && !analysis.aboutDocs ? codeFirst(composed, t.otherKindPer10 ?? 10) : composed;
}

/** Docs and data follow code unless the question asks for them. */
function kindPrior(kind: string, aboutDocs: boolean, t: RankingTuning): number {
  if (!followsCode(kind)) return 1;
  return aboutDocs ? (t.docsQuestionBoost ?? 1) : (t.otherKindFactor ?? 1);
}

export function toRetrieved(row: ChunkRow, score: number, signals: RetrievedChunk['signals']): RetrievedChunk {
  return {
    id: row.id, path: row.path, startLine: row.start_line, endLine: row.end_line, language: row.language,
    kind: row.kind as ChunkKind, contentKind: (row.content_kind || 'code') as ContentKind, symbol: row.symbol, parents: row.parents ? row.parents.split(' › ') : [],
    text: row.text, contentHash: row.content_hash, score, signals, otherLocations: [],
  };
}

/** Adds `weight` × the sum of the file's next `depth` best chunk scores to every chunk of the file. */
export function addFileEvidence(chunks: RetrievedChunk[], weight: number, depth: number): RetrievedChunk[] {
  const byFile = new Map<string, number[]>();
  for (const c of chunks) {
    const list = byFile.get(c.path) ?? [];
    list.push(c.score);
    byFile.set(c.path, list);
  }
  const bonus = new Map<string, number>();
  for (const [p, scores] of byFile) {
    scores.sort((a, b) => b - a);
    bonus.set(p, weight * scores.slice(1, 1 + depth).reduce((a, b) => a + b, 0));
  }
  return chunks.map((c) => ({ ...c, score: c.score + bonus.get(c.path)! }));
}

/** The best keyword hit, when its BM25 score is at least `ratio` × the best of every other file. */
export function decisiveKeywordHit(keyword: readonly { id: string; path: string; score: number }[], ratio: number): string | undefined {
  const best = keyword[0];
  if (!best || !(best.score > 0)) return undefined;
  const rival = keyword.find((h) => h.path !== best.path);
  return !rival || best.score >= ratio * rival.score ? best.id : undefined;
}
