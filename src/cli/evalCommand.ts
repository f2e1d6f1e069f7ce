// `ask-codebase eval`: measure retrieval on a dataset (shared/eval format) in several modes at once.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { readDataset, type EvalRecord } from '../core/eval/dataset.js';
import { aggregate, formatTable, sliceTable } from '../core/eval/metrics.js';
import { runEval, type EvalVariant } from '../core/eval/runEval.js';
import { AskCodebaseError } from '../core/types.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';
import { registerEvalSynthCommand } from './evalSynthCommand.js';
import { RERANK_HELP, rerankerFromSpec } from './rerankerOptions.js';
import { materializeCommitTree } from '../core/eval/commitTree.js';

interface EvalCliOptions extends EmbedderCliOptions {
  dataset: string;
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
  vector: { name: 'vector', mode: 'vector' },
  hybrid: { name: 'hybrid', mode: 'hybrid' },
};

export function registerEvalCommand(program: Command): void {
  const cmd = program
    .command('eval')
    .description('measure retrieval on a dataset: file Recall@1/5/10, MRR, LineHit@10, latency, per mode')
    .option('--dataset <file>', 'JSONL dataset (see shared/eval/README.md; required)')
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
    .option('--json', 'print the report as JSON');
  addEmbedderOptions(cmd);
  registerEvalSynthCommand(cmd);
  cmd.action(async (opts: EvalCliOptions) => {
    // Not a requiredOption: commander would then demand it of `eval synth` too.
    if (!opts.dataset) throw new AskCodebaseError('bad-arguments', 'Give the dataset: --dataset <file.jsonl>.');
    if ([opts.root, opts.trees, opts.git].filter(Boolean).length !== 1) throw new AskCodebaseError('bad-arguments', 'Give exactly one of --root <dir>, --trees <dir> or --git <repo>.');
    let records = await readDataset(opts.dataset);
    if (opts.repo) records = records.filter((r) => r.repo === opts.repo);
    if (opts.limit) records = records.slice(0, Number(opts.limit));
    const variants = (opts.variants ?? 'keyword').split(',').map((n) => {
      const v = VARIANTS[n.trim()];
      if (!v) throw new AskCodebaseError('bad-arguments', `Unknown variant "${n}". Known: ${Object.keys(VARIANTS).join(', ')}`);
      return v;
    });
    const reranker = await rerankerFromSpec(opts.rerank, opts);
    if (reranker) variants.push({ ...variants[0], name: `${variants[0].name}+rerank`, search: { ...variants[0].search, reranker } });
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    const dbRoot = opts.db ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'ask-codebase-eval-')));
    const treesDir = opts.git ? path.join(dbRoot, 'trees') : opts.trees;
    if (opts.git) {
      for (const commit of new Set(records.map((r) => r.commit))) {
        const dest = path.join(treesDir!, commit);
        if (await fs.stat(dest + '.ok').then(() => true, () => false)) continue;
        await fs.rm(dest, { recursive: true, force: true });
        await materializeCommitTree(opts.git, commit, dest);
        await fs.writeFile(dest + '.ok', '');
      }
    }
    const treeFor = (r: EvalRecord) =>
      opts.root ? path.resolve(opts.root) : opts.git ? path.join(treesDir!, r.commit) : path.join(treesDir!, `${r.repo.replace('/', '+')}@${r.commit}`);
    let done = 0;
    const started = performance.now();
    const result = await runEval({
      records, treeFor, dbRoot, embedder, variants,
      chunk: opts.maxLines ? { maxLines: Number(opts.maxLines) } : undefined,
      onRecord: (r, s) => {
        done++;
        if (!opts.json) process.stderr.write(`\r[${done}/${records.length}] ${r.id} ${Object.entries(s).map(([n, q]) => `${n}:mrr=${q.mrr.toFixed(2)}`).join(' ')}\x1b[K`);
      },
    });
    await embedder?.dispose();
    await reranker?.dispose?.();
    const tsRepos = new Set(records.filter((r) => r.lang === 'TypeScript').map((r) => r.repo));
    const report = {
      dataset: opts.dataset, records: records.length, model: embedder?.id ?? 'none', maxLines: opts.maxLines ? Number(opts.maxLines) : 60,
      seconds: (performance.now() - started) / 1000, indexSeconds: result.indexMs / 1000,
      variants: Object.fromEntries(Object.entries(result.scores).map(([name, scores]) => [name, { overall: aggregate(scores), slices: sliceTable(scores, tsRepos), perQuery: scores }])),
    };
    if (opts.out) await fs.writeFile(opts.out, JSON.stringify(report, null, 2));
    if (opts.json) {
      process.stdout.write(JSON.stringify(report) + '\n');
      return;
    }
    process.stderr.write('\n');
    for (const [name, v] of Object.entries(report.variants)) {
      process.stdout.write(`\n### ${name} (model ${report.model}, chunks ≤ ${report.maxLines} lines)\n\n${formatTable(v.slices)}\n`);
    }
    process.stdout.write(`\n${records.length} queries in ${report.seconds.toFixed(1)} s (indexing ${report.indexSeconds.toFixed(1)} s)\n`);
  });
}
