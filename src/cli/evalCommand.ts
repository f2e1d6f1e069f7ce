// `ask-codebase eval`: measure retrieval on a dataset (shared/eval format) in several modes at once.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { readDataset, type EvalRecord } from '../core/eval/dataset.js';
import { aggregate, formatTable, sliceTable, type Aggregate, type QueryScore, type SliceRow } from '../core/eval/metrics.js';
import type { EvalVariant } from '../core/eval/runEval.js';
import { AskCodebaseError } from '../core/types.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';
import { registerEvalSynthCommand } from './evalSynthCommand.js';
import { RERANK_HELP, rerankerFromSpec } from './rerankerOptions.js';
import { treeTuner } from './evalTuning.js';

interface EvalCliOptions extends EmbedderCliOptions {
  dataset: string[];
  root?: string;
  trees?: string;
  git?: string;
  rerank?: string;
  db?: string;
  json?: boolean;
  variants?: string;
  repo?: string;
  limit?: string;
  maxLines?: string;
  out?: string;
  indexPerTree?: boolean;
  tuneGit?: string;
  tunePairs?: string;
  tuneBudget?: string;
}

/** Ablations the eval knows by name. */
const VARIANTS: Record<string, EvalVariant> = {
  keyword: { name: 'keyword', mode: 'keyword' },
  'keyword-nopriors': { name: 'keyword-nopriors', mode: 'keyword', search: { priors: false } },
  'keyword-nosymbol': { name: 'keyword-nosymbol', mode: 'keyword', search: { weights: { symbol: 0 } } },
  'keyword-symbol0.25': { name: 'keyword-symbol0.25', mode: 'keyword', search: { weights: { symbol: 0.25 } } },
  'keyword-symbol1': { name: 'keyword-symbol1', mode: 'keyword', search: { weights: { symbol: 1 } } },
  'keyword-symbol2': { name: 'keyword-symbol2', mode: 'keyword', search: { weights: { symbol: 2 } } },
  'keyword-cap1': { name: 'keyword-cap1', mode: 'keyword', search: { maxPerFile: 1 } },
  'keyword-cap5': { name: 'keyword-cap5', mode: 'keyword', search: { maxPerFile: 5 } },
  'keyword-nocap': { name: 'keyword-nocap', mode: 'keyword', search: { maxPerFile: 1000 } },
  'keyword-nofile': { name: 'keyword-nofile', mode: 'keyword', search: { tuning: { fileEvidence: 0 } } },
  'keyword-file0.05': { name: 'keyword-file0.05', mode: 'keyword', search: { tuning: { fileEvidence: 0.05 } } },
  'keyword-file0.2': { name: 'keyword-file0.2', mode: 'keyword', search: { tuning: { fileEvidence: 0.2 } } },
  'keyword-filedepth2': { name: 'keyword-filedepth2', mode: 'keyword', search: { tuning: { fileEvidenceDepth: 2 } } },
  'keyword-bm25score': { name: 'keyword-bm25score', mode: 'keyword', search: { tuning: { keywordScore: 'score' } } },
  'keyword-rrf20': { name: 'keyword-rrf20', mode: 'keyword', search: { tuning: { rrfK: 20 } } },
  'keyword-tests0.25': { name: 'keyword-tests0.25', mode: 'keyword', search: { tuning: { testFactor: 0.25 } } },
  'keyword-nodedup': { name: 'keyword-nodedup', mode: 'keyword', search: { nearDuplicates: false } },
  'keyword-nocutoff': { name: 'keyword-nocutoff', mode: 'keyword', search: { minRelativeScore: 0 } },
  'keyword-decisive2': { name: 'keyword-decisive2', mode: 'keyword', search: { tuning: { decisiveKeywordRatio: 2 } } },
  'keyword-nodecisive': { name: 'keyword-nodecisive', mode: 'keyword', search: { tuning: { decisiveKeywordRatio: 0 } } },
  'keyword-decisive3': { name: 'keyword-decisive3', mode: 'keyword', search: { tuning: { decisiveKeywordRatio: 3 } } },
  'keyword-nolane': { name: 'keyword-nolane', mode: 'keyword', search: { tuning: { otherKindFactor: 1, otherKindPer10: 10 } } },
  'keyword-lanecap-only': { name: 'keyword-lanecap-only', mode: 'keyword', search: { tuning: { otherKindFactor: 1 } } },
  'keyword-lanefactor-only': { name: 'keyword-lanefactor-only', mode: 'keyword', search: { tuning: { otherKindPer10: 10 } } },
  'keyword-noprose': { name: 'keyword-noprose', mode: 'keyword', search: { keyword: { boosts: { prose: 0 } } } },
  'keyword-prosehalf': { name: 'keyword-prosehalf', mode: 'keyword', search: { keyword: { boosts: { prose: 1 } } } },
  'keyword-sumfields': { name: 'keyword-sumfields', mode: 'keyword', search: { keyword: { combine: 'sum' } } },
  'keyword-previous': {
    name: 'keyword-previous', mode: 'keyword',
    search: { keyword: { boosts: { prose: 0 }, exactBoost: 0 }, tuning: { rrfK: 60, decisiveKeywordRatio: 1.5, fileEvidence: 0.1, pathBoost: 0.25, otherKindFactor: 1, otherKindPer10: 10 } },
  },
  'keyword-noexact': { name: 'keyword-noexact', mode: 'keyword', search: { keyword: { exactBoost: 0 } } },
  'bm25-reference': { name: 'bm25-reference', mode: 'keyword', reference: true },
  // The self-evaluation's settings for each tree (ask-codebase tune), never saved into the eval's indexes.
  'keyword-tuned': { name: 'keyword-tuned', mode: 'keyword', tuned: true },
  'hybrid-tuned': { name: 'hybrid-tuned', mode: 'hybrid', tuned: true },
  vector: { name: 'vector', mode: 'vector' },
  hybrid: { name: 'hybrid', mode: 'hybrid' },
};

export function registerEvalCommand(program: Command): void {
  const cmd = program
    .command('eval')
    .description('measure retrieval on a dataset: file Recall@1/5/10, MRR, LineHit@10, latency, per mode')
    .option('--dataset <file>', 'JSONL dataset (see shared/eval/README.md; required); repeat or separate with commas to report several side by side', collectList, [])
    .option('--root <dir>', 'the tree every record refers to (e.g. your working copy, for a synthesized dataset)')
    .option('--trees <dir>', 'a folder of trees named <owner+name>@<commit> (the dev set layout)')
    .option('--git <repo>', "a git repository: each record's tree is written from its commit (for datasets from `eval synth`)")
    .option('--rerank <spec>', `${RERANK_HELP}; adds a variant <first variant>+rerank`)
    .option('--db <dir>', 'where the per-repository indexes go (default: a temp folder)')
    .option('--variants <list>', `comma-separated: ${Object.keys(VARIANTS).join(', ')}`, 'keyword')
    .option('--repo <name>', 'only records of this repository (owner/name)')
    .option('--limit <n>', 'only the first n records')
    .option('--max-lines <n>', 'chunk size in lines (for tuning)')
    .option('--out <file>', 'also write the JSON report here')
    .option('--index-per-tree', 'keep one index per tree in --db and reuse it on later runs (for comparing variants)')
    .option('--tune-git <dir>', 'for *-tuned variants: a folder of git repositories as <owner+name>/repo (the fetch layout); each tree is tuned on the history reachable from its commit')
    .option('--tune-pairs <n>', 'for *-tuned variants: pairs of each kind at most', '32')
    .option('--tune-budget <seconds>', 'for *-tuned variants: time budget per tree', '20')
    .option('--json', 'print the report as JSON');
  addEmbedderOptions(cmd);
  registerEvalSynthCommand(cmd);
  cmd.action(async (opts: EvalCliOptions) => {
    // Not a requiredOption: commander would then demand it of `eval synth` too.
    if (opts.dataset.length === 0) throw new AskCodebaseError('bad-arguments', 'Give the dataset: --dataset <file.jsonl>.');
    if ([opts.root, opts.trees, opts.git].filter(Boolean).length !== 1) throw new AskCodebaseError('bad-arguments', 'Give exactly one of --root <dir>, --trees <dir> or --git <repo>.');
    const datasets: { file: string; records: EvalRecord[] }[] = [];
    for (const file of opts.dataset) {
      let records = await readDataset(file);
      if (opts.repo) records = records.filter((r) => r.repo === opts.repo);
      if (opts.limit) records = records.slice(0, Number(opts.limit));
      datasets.push({ file, records });
    }
    const variants = (opts.variants ?? 'keyword').split(',').map((n) => {
      const v = VARIANTS[n.trim()] ?? customVariant(n.trim());
      if (!v) throw new AskCodebaseError('bad-arguments', `Unknown variant "${n}". Known: ${Object.keys(VARIANTS).join(', ')}, or keyword@knob=value;… with knobs ${Object.keys(KNOBS).join(', ')}`);
      return v;
    });
    // Loaded here, not at start-up: evaluating loads the whole engine (LanceDB, the chunker).
    const [{ runEval }, { materializeCommitTree }] = await Promise.all([import('../core/eval/runEval.js'), import('../core/eval/commitTree.js')]);
    const reranker = await rerankerFromSpec(opts.rerank, opts);
    const first = variants.find((v) => !v.reference);
    if (reranker && first) variants.push({ ...first, name: `${first.name}+rerank`, search: { ...first.search, reranker } });
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    const dbRoot = opts.db ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'ask-codebase-eval-')));
    const treesDir = opts.git ? path.join(dbRoot, 'trees') : opts.trees;
    if (opts.git) {
      for (const commit of new Set(datasets.flatMap((d) => d.records.map((r) => r.commit)))) {
        const dest = path.join(treesDir!, commit);
        if (await fs.stat(dest + '.ok').then(() => true, () => false)) continue;
        await fs.rm(dest, { recursive: true, force: true });
        await materializeCommitTree(opts.git, commit, dest);
        await fs.writeFile(dest + '.ok', '');
      }
    }
    const treeFor = (r: EvalRecord) =>
      opts.root ? path.resolve(opts.root) : opts.git ? path.join(treesDir!, r.commit) : path.join(treesDir!, `${r.repo.replace('/', '+')}@${r.commit}`);
    const tuning = variants.some((v) => v.tuned) ? await treeTuner(opts, datasets.flatMap((d) => d.records), embedder) : undefined;
    const started = performance.now();
    const reports: DatasetReport[] = [];
    for (const { file, records } of datasets) {
      let done = 0;
      const t0 = performance.now();
      const result = await runEval({
        records, treeFor, dbRoot, embedder, variants, indexPerTree: opts.indexPerTree, tuneTree: tuning?.tune,
        chunk: opts.maxLines ? { maxLines: Number(opts.maxLines) } : undefined,
        onRecord: (r, s) => {
          done++;
          if (!opts.json) process.stderr.write(`\r[${done}/${records.length}] ${r.id} ${Object.entries(s).map(([n, q]) => `${n}:mrr=${q.mrr.toFixed(2)}`).join(' ')}\x1b[K`);
        },
      });
      const tsRepos = new Set(records.filter((r) => r.lang === 'TypeScript').map((r) => r.repo));
      reports.push({
        dataset: file, records: records.length, seconds: (performance.now() - t0) / 1000, indexSeconds: result.indexMs / 1000,
        variants: Object.fromEntries(Object.entries(result.scores).map(([name, scores]) => [name, { overall: aggregate(scores), slices: sliceTable(scores, tsRepos), perQuery: scores }])),
      });
    }
    await embedder?.dispose();
    await reranker?.dispose?.();
    const model = embedder?.id ?? 'none';
    const maxLines = opts.maxLines ? Number(opts.maxLines) : 60;
    const report = { model, maxLines, seconds: (performance.now() - started) / 1000, datasets: reports, ...(tuning ? { tuning: tuning.reports } : {}) };
    if (opts.out) await fs.writeFile(opts.out, JSON.stringify(report, null, 2));
    if (opts.json) {
      process.stdout.write(JSON.stringify(report) + '\n');
      return;
    }
    process.stderr.write('\n');
    for (const d of reports) {
      for (const [name, v] of Object.entries(d.variants)) {
        process.stdout.write(`\n### ${path.basename(d.dataset)}: ${name} (model ${model}, chunks ≤ ${maxLines} lines)\n\n${formatTable(v.slices)}\n`);
      }
    }
    process.stdout.write(`\n### Side by side (MRR · R@1 · R@10 · LineHit@10)\n\n${formatSideBySide(reports)}\n`);
    const total = reports.reduce((a, d) => a + d.records, 0);
    process.stdout.write(`\n${total} queries in ${report.seconds.toFixed(1)} s (indexing ${reports.reduce((a, d) => a + d.indexSeconds, 0).toFixed(1)} s)\n`);
  });
}

/** Knobs of a custom variant `keyword@prose=2;file=0`, each setting one search option. */
const KNOBS: Record<string, (s: NonNullable<EvalVariant['search']>, value: number) => void> = {
  idents: (s, v) => (s.keyword = { ...s.keyword, boosts: { ...s.keyword?.boosts, idents: v } }),
  prose: (s, v) => (s.keyword = { ...s.keyword, boosts: { ...s.keyword?.boosts, prose: v } }),
  exact: (s, v) => (s.keyword = { ...s.keyword, exactBoost: v }),
  separate: (s, v) => (s.keyword = { ...s.keyword, separateProse: v > 0 }),
  proseWeight: (s, v) => (s.weights = { ...s.weights, prose: v }),
  sum: (s, v) => (s.keyword = { ...s.keyword, combine: v ? 'sum' : 'max' }),
  symbol: (s, v) => (s.weights = { ...s.weights, symbol: v }),
  file: (s, v) => (s.tuning = { ...s.tuning, fileEvidence: v }),
  fileDepth: (s, v) => (s.tuning = { ...s.tuning, fileEvidenceDepth: v }),
  decisive: (s, v) => (s.tuning = { ...s.tuning, decisiveKeywordRatio: v }),
  tests: (s, v) => (s.tuning = { ...s.tuning, testFactor: v }),
  pathBoost: (s, v) => (s.tuning = { ...s.tuning, pathBoost: v }),
  otherFactor: (s, v) => (s.tuning = { ...s.tuning, otherKindFactor: v }),
  otherPer10: (s, v) => (s.tuning = { ...s.tuning, otherKindPer10: v }),
  rrfK: (s, v) => (s.tuning = { ...s.tuning, rrfK: v }),
  bm25score: (s, v) => (s.tuning = { ...s.tuning, keywordScore: v ? 'score' : 'rank' }),
  cap: (s, v) => (s.maxPerFile = v),
};

/** `keyword@prose=2;file=0` → the keyword variant with those knobs set; undefined when malformed. */
function customVariant(spec: string): EvalVariant | undefined {
  const m = /^(keyword|hybrid)@(.+)$/.exec(spec);
  if (!m) return undefined;
  const search: NonNullable<EvalVariant['search']> = {};
  for (const pair of m[2].split(';')) {
    const [key, raw] = pair.split('=');
    const value = Number(raw);
    if (!KNOBS[key] || raw === undefined || !Number.isFinite(value)) return undefined;
    KNOBS[key](search, value);
  }
  return { name: spec, mode: m[1] as EvalVariant['mode'], search };
}

interface DatasetReport {
  dataset: string;
  records: number;
  seconds: number;
  indexSeconds: number;
  variants: Record<string, { overall: Aggregate; slices: SliceRow[]; perQuery: QueryScore[] }>;
}

/** One row per dataset and variant: overall and per-repository numbers, for comparing variants at a glance. */
function formatSideBySide(reports: DatasetReport[]): string {
  const out: string[] = [];
  for (const d of reports) {
    const repos = [...new Set(Object.values(d.variants).flatMap((v) => v.perQuery.map((q) => q.repo)))];
    out.push(`${path.basename(d.dataset)} (${d.records} queries)`, '');
    out.push(`| variant | all | ${repos.join(' | ')} |`, `|---|---|${repos.map(() => '---').join('|')}|`);
    const cell = (a: Aggregate) => `${a.mrr.toFixed(3)} · ${a.r1.toFixed(3)} · ${a.r10.toFixed(3)} · ${a.lineHit10.toFixed(3)}`;
    for (const [name, v] of Object.entries(d.variants)) {
      out.push(`| ${name} | ${cell(v.overall)} | ${repos.map((r) => cell(aggregate(v.perQuery.filter((q) => q.repo === r)))).join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}
