// The dev set's scoring (shared/eval/README.md): file recall/accuracy at k, MRR and LineHit over
// a system's ranked chunks, micro-averaged, with the slices the README asks for.
import type { EvalRecord } from './dataset.js';

export interface RankedChunk {
  path: string;
  startLine: number;
  endLine: number;
}

/** The README's measures, for one query or averaged over many. */
export interface MetricValues {
  r1: number;
  r5: number;
  r10: number;
  acc5: number;
  acc10: number;
  mrr: number;
  lineHit5: number;
  lineHit10: number;
}

export interface QueryScore extends MetricValues {
  id: string;
  repo: string;
  lang?: string;
  /** The query still names a gold file stem (`meta.query_mentions_gold_stem` non-empty). */
  flagged: boolean;
  latencyMs: number;
}

/** Paths compare as the README writes them: '/' separators, no leading './'. */
function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Distinct paths in order of first appearance: a file ranks where its best chunk ranks. */
export function fileRanking(chunks: RankedChunk[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of chunks) {
    const p = normalizePath(c.path);
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

/** Inclusive line ranges overlap when each starts no later than the other ends. */
export function rangesOverlap(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}

export function scoreQuery(record: EvalRecord, chunks: RankedChunk[], latencyMs: number): QueryScore {
  const files = fileRanking(chunks);
  const gold = new Set(record.gold_files.map(normalizePath));
  const goldInTop = (k: number) => files.slice(0, k).filter((f) => gold.has(f)).length;
  const recall = (k: number) => (gold.size === 0 ? 0 : goldInTop(k) / gold.size);
  const acc = (k: number) => (gold.size > 0 && goldInTop(k) === gold.size ? 1 : 0);
  const firstGold = files.findIndex((f) => gold.has(f));
  const ranges = record.gold.map((g) => ({ ...g, path: normalizePath(g.path) }));
  const lineHit = (k: number) =>
    chunks.slice(0, k).some((c) => {
      const p = normalizePath(c.path);
      return ranges.some((g) => g.path === p && rangesOverlap(c.startLine, c.endLine, g.start, g.end));
    }) ? 1 : 0;
  return {
    id: record.id,
    repo: record.repo,
    lang: record.lang,
    flagged: isFlagged(record.meta?.query_mentions_gold_stem),
    r1: recall(1), r5: recall(5), r10: recall(10), acc5: acc(5), acc10: acc(10),
    mrr: firstGold < 0 ? 0 : 1 / (firstGold + 1),
    lineHit5: lineHit(5), lineHit10: lineHit(10), latencyMs,
  };
}

function isFlagged(stems: string[] | boolean | undefined): boolean {
  return Array.isArray(stems) ? stems.length > 0 : stems === true;
}

export interface Aggregate extends MetricValues {
  n: number;
  p50Ms: number;
  p95Ms: number;
}

/** Nearest-rank percentile (p in 0..1) of an ascending list; 0 for an empty one. */
export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[Math.min(sortedAscending.length, rank) - 1];
}

/** Micro-average: every query weighs the same, whatever its repository. */
export function aggregate(scores: QueryScore[]): Aggregate {
  const mean = (f: (s: QueryScore) => number) => (scores.length ? scores.reduce((a, s) => a + f(s), 0) / scores.length : 0);
  const lat = scores.map((s) => s.latencyMs).sort((a, b) => a - b);
  return {
    n: scores.length, r1: mean((s) => s.r1), r5: mean((s) => s.r5), r10: mean((s) => s.r10), acc5: mean((s) => s.acc5),
    acc10: mean((s) => s.acc10), mrr: mean((s) => s.mrr), lineHit5: mean((s) => s.lineHit5), lineHit10: mean((s) => s.lineHit10),
    p50Ms: percentile(lat, 0.5), p95Ms: percentile(lat, 0.95),
  };
}

export interface SliceRow {
  label: string;
  agg: Aggregate;
}

/**
 * Rows of the README's table: per repo, overall, TypeScript only, and the leak slices.
 * TypeScript repos are `tsRepos` when given, else those whose records say `lang: "TypeScript"`.
 */
export function sliceTable(scores: QueryScore[], tsRepos?: Set<string>): SliceRow[] {
  const repos = [...new Set(scores.map((s) => s.repo))];
  const rows = repos.map((r) => ({ label: r, agg: aggregate(scores.filter((s) => s.repo === r)) }));
  rows.push({ label: '**all (micro)**', agg: aggregate(scores) });
  const isTs = (s: QueryScore) => (tsRepos ? tsRepos.has(s.repo) : s.lang === 'TypeScript');
  const ts = scores.filter(isTs);
  if (ts.length > 0 && ts.length < scores.length) rows.push({ label: 'TypeScript repos only', agg: aggregate(ts) });
  rows.push({ label: 'query names a gold file stem (flagged)', agg: aggregate(scores.filter((s) => s.flagged)) });
  rows.push({ label: 'query names no gold file (unflagged)', agg: aggregate(scores.filter((s) => !s.flagged)) });
  return rows;
}

/** A scored run ready to print: the slices plus what a reader needs to compare LineHit fairly. */
export interface EvalReport {
  system: string;
  /** Chunk size the system returns (the README asks for it next to LineHit), e.g. "60-line windows". */
  chunking: string;
  rows: SliceRow[];
  /** Files indexed per repo label, averaged over its trees; shown when present. */
  filesIndexed?: Record<string, number>;
  perQuery: QueryScore[];
}

export function buildReport(system: string, chunking: string, scores: QueryScore[], filesIndexed?: Record<string, number>): EvalReport {
  return { system, chunking, rows: sliceTable(scores), filesIndexed, perQuery: scores };
}

/** A markdown table laid out like the README's, with latency percentiles appended. */
export function formatTable(report: EvalReport | SliceRow[]): string {
  const rows = Array.isArray(report) ? report : report.rows;
  const files = Array.isArray(report) ? undefined : report.filesIndexed;
  const f = (x: number) => x.toFixed(3);
  const filesCell = (label: string) => (files ? ` ${files[label] !== undefined ? Math.round(files[label]).toLocaleString('en-US') : ''} |` : '');
  const head =
    `| slice | n |${files ? ' files indexed |' : ''} R@1 | R@5 | R@10 | Acc@5 | Acc@10 | MRR | LineHit@5 | LineHit@10 | p50 ms | p95 ms |\n` +
    `|---|---|${files ? '---|' : ''}---|---|---|---|---|---|---|---|---|---|`;
  const body = rows.map(({ label, agg: a }) =>
    `| ${label} | ${a.n} |${filesCell(label)} ${f(a.r1)} | ${f(a.r5)} | ${f(a.r10)} | ${f(a.acc5)} | ${f(a.acc10)} | ${f(a.mrr)} | ${f(a.lineHit5)} | ${f(a.lineHit10)} | ${a.p50Ms.toFixed(0)} | ${a.p95Ms.toFixed(0)} |`);
  const title = Array.isArray(report) ? [] : [`${report.system} (chunks: ${report.chunking})`, ''];
  return [...title, head, ...body].join('\n');
}
