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
  flagged: boolean;
  latencyMs: number;
}

export function fileRanking(chunks: RankedChunk[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of chunks) if (!seen.has(c.path)) {
    seen.add(c.path);
    out.push(c.path);
  }
  return out;
}

export function scoreQuery(record: EvalRecord, chunks: RankedChunk[], latencyMs: number): QueryScore {
  const files = fileRanking(chunks);
  const gold = new Set(record.gold_files);
  const recall = (k: number) => files.slice(0, k).filter((f) => gold.has(f)).length / gold.size;
  const acc = (k: number) => (record.gold_files.every((g) => files.slice(0, k).includes(g)) ? 1 : 0);
  const firstGold = files.findIndex((f) => gold.has(f));
  const lineHit = (k: number) =>
    chunks.slice(0, k).some((c) => record.gold.some((g) => g.path === c.path && c.startLine <= g.end && g.start <= c.endLine)) ? 1 : 0;
  return {
    id: record.id,
    repo: record.repo,
    flagged: (record.meta?.query_mentions_gold_stem ?? []).length > 0,
    r1: recall(1), r5: recall(5), r10: recall(10), acc5: acc(5), acc10: acc(10),
    mrr: firstGold < 0 ? 0 : 1 / (firstGold + 1),
    lineHit5: lineHit(5), lineHit10: lineHit(10), latencyMs,
  };
}

export interface Aggregate extends MetricValues {
  n: number;
  p50Ms: number;
  p95Ms: number;
}

export function aggregate(scores: QueryScore[]): Aggregate {
  const mean = (f: (s: QueryScore) => number) => (scores.length ? scores.reduce((a, s) => a + f(s), 0) / scores.length : 0);
  const lat = scores.map((s) => s.latencyMs).sort((a, b) => a - b);
  const pct = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)] : 0);
  return {
    n: scores.length, r1: mean((s) => s.r1), r5: mean((s) => s.r5), r10: mean((s) => s.r10), acc5: mean((s) => s.acc5),
    acc10: mean((s) => s.acc10), mrr: mean((s) => s.mrr), lineHit5: mean((s) => s.lineHit5), lineHit10: mean((s) => s.lineHit10),
    p50Ms: pct(0.5), p95Ms: pct(0.95),
  };
}

/** Rows of the README's table: per repo, overall, and the leak slices. */
export function sliceTable(scores: QueryScore[], tsRepos: Set<string>): { label: string; agg: Aggregate }[] {
  const repos = [...new Set(scores.map((s) => s.repo))];
  const rows = repos.map((r) => ({ label: r, agg: aggregate(scores.filter((s) => s.repo === r)) }));
  rows.push({ label: '**all (micro)**', agg: aggregate(scores) });
  const ts = scores.filter((s) => tsRepos.has(s.repo));
  if (ts.length > 0 && ts.length < scores.length) rows.push({ label: 'TypeScript repos only', agg: aggregate(ts) });
  rows.push({ label: 'query names a gold file stem (flagged)', agg: aggregate(scores.filter((s) => s.flagged)) });
  rows.push({ label: 'query names no gold file (unflagged)', agg: aggregate(scores.filter((s) => !s.flagged)) });
  return rows;
}

export function formatTable(rows: { label: string; agg: Aggregate }[]): string {
  const f = (x: number) => x.toFixed(3);
  const head = '| slice | n | R@1 | R@5 | R@10 | Acc@5 | Acc@10 | MRR | LineHit@5 | LineHit@10 | p50 ms | p95 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(({ label, agg: a }) =>
    `| ${label} | ${a.n} | ${f(a.r1)} | ${f(a.r5)} | ${f(a.r10)} | ${f(a.acc5)} | ${f(a.acc10)} | ${f(a.mrr)} | ${f(a.lineHit5)} | ${f(a.lineHit10)} | ${a.p50Ms.toFixed(0)} | ${a.p95Ms.toFixed(0)} |`);
  return [head, ...body].join('\n');
}
