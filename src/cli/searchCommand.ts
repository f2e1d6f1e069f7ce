// `ask-codebase search "<question>"`: hybrid retrieval from the command line, one question or a
// JSONL batch (`--queries`), with the evidence for each result.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { RetrievalMode, RetrievalResult } from '../core/retrieve/types.js';
import { AskCodebaseError } from '../core/types.js';
import { defaultDbDir } from './dbLocation.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';
import { RERANK_HELP, rerankerFromSpec } from './rerankerOptions.js';
import { readQueryBatch } from './queryBatch.js';

interface SearchCliOptions extends EmbedderCliOptions {
  root?: string;
  db?: string;
  k: string;
  json?: boolean;
  queries?: string;
  mode?: RetrievalMode;
  rerank?: string;
  budget?: string;
}

export function registerSearchCommand(program: Command): void {
  const cmd = program
    .command('search')
    .description('find the code that answers a question (keyword + symbol + vector, fused)')
    .argument('[question]', 'the question; omit with --queries')
    .option('--root <dir>', 'the indexed folder (finds its default index)')
    .option('--db <dir>', 'index folder')
    .option('-k <n>', 'results to show', '10')
    .option('--mode <mode>', 'hybrid | keyword | vector (for ablations)')
    .option('--queries <file>', 'JSONL file of {"id", "query"}: prints one JSON line per query')
    .option('--rerank <spec>', RERANK_HELP)
    .option('--budget <tokens>', 'pack the results into this many tokens, growing hits to their enclosing symbol or neighbouring chunks (prints the packed ranges)')
    .option('--json', 'print JSON');
  addEmbedderOptions(cmd);
  cmd.action(async (question: string | undefined, opts: SearchCliOptions) => {
    const k = Number(opts.k);
    if (!Number.isInteger(k) || k < 1) throw new AskCodebaseError('bad-arguments', `-k must be a positive whole number, got "${opts.k}"`);
    if (opts.mode && !['hybrid', 'keyword', 'vector'].includes(opts.mode)) throw new AskCodebaseError('bad-arguments', `--mode must be hybrid, keyword or vector, got "${opts.mode}"`);
    if (question === undefined && !opts.queries) throw new AskCodebaseError('bad-arguments', 'Give a question, or --queries FILE.jsonl.');
    const budget = opts.budget === undefined ? undefined : Number(opts.budget);
    if (budget !== undefined && (!Number.isInteger(budget) || budget < 1)) throw new AskCodebaseError('bad-arguments', `--budget must be a positive whole number of tokens, got "${opts.budget}"`);
    const dbDir = opts.db ?? defaultDbDir(opts.root ?? process.cwd());
    // Loaded here, not at start-up: `--help` and the other commands never load LanceDB for search.
    const [{ IndexStore }, { searchIndex }, { packContext }] = await Promise.all([
      import('../core/store/indexStore.js'), import('../core/retrieve/searchIndex.js'), import('../core/retrieve/packContext.js'),
    ]);
    const store = await IndexStore.openExisting(dbDir);
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    const reranker = await rerankerFromSpec(opts.rerank, opts).catch(async (err: unknown) => {
      await embedder?.dispose();
      await store.close();
      throw err;
    });
    try {
      // A model other than the index's is reported by searchIndex as a warning (keyword results still come).
      const search = (q: string) => searchIndex(store, q, { k, mode: opts.mode, embedder, reranker });
      if (opts.queries) {
        for (const rec of await readQueryBatch(opts.queries)) {
          if ('error' in rec) {
            process.stderr.write(`ask-codebase: ${rec.error}\n`);
            process.stdout.write(JSON.stringify({ id: rec.id, error: rec.error, results: [] }) + '\n');
            process.exitCode = 1;
            continue;
          }
          const r = await search(rec.query).catch((err: unknown) => {
            if (err instanceof AskCodebaseError && err.code === 'empty-query') return err;
            throw err;
          });
          if (r instanceof AskCodebaseError) process.stdout.write(JSON.stringify({ id: rec.id, error: r.message, results: [] }) + '\n');
          else process.stdout.write(JSON.stringify({ id: rec.id, results: compact(r), partial: r.partial, warnings: r.warnings }) + '\n');
        }
        return;
      }
      const r = await search(question!);
      const packed = budget === undefined ? undefined : await packContext(r, store, { budgetTokens: budget, readFile: (p) => fs.readFile(path.join(opts.root ?? process.cwd(), p)) });
      if (opts.json) process.stdout.write(JSON.stringify({ ...r, results: compact(r), packed }) + '\n');
      else {
        print(r);
        if (packed) {
          process.stdout.write(`packed into ${packed.usedTokens} of ${packed.budgetTokens} tokens${packed.omitted ? ` (${packed.omitted} hits did not fit)` : ''}:\n`);
          for (const p of packed.chunks) process.stdout.write(`  ${p.path}:${p.startLine}-${p.endLine}${p.symbol ? `  ${p.symbol}` : ''}  (${p.growth === 'none' ? 'as retrieved' : `grown to ${p.growth}`}, ${p.hits.length} hit${p.hits.length > 1 ? 's' : ''})\n`);
        }
      }
    } finally {
      await reranker?.dispose?.();
      await embedder?.dispose();
      await store.close();
    }
  });
}

function compact(r: RetrievalResult) {
  return r.chunks.map((c) => ({
    path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, contentKind: c.contentKind, contentHash: c.contentHash, score: Number(c.score.toFixed(6)), signals: c.signals,
    ...(c.otherLocations.length ? { otherLocations: c.otherLocations } : {}),
  }));
}

function print(r: RetrievalResult): void {
  for (const w of r.warnings) process.stderr.write(`note: ${w}\n`);
  if (r.partial) process.stderr.write('note: these results are partial.\n');
  if (r.chunks.length === 0) process.stdout.write('No results.\n');
  r.chunks.forEach((c, i) => {
    const why = Object.entries(c.signals).map(([s, e]) => `${s} #${e!.rank}`).join(', ');
    const copies = c.otherLocations.length ? `  +${c.otherLocations.length} other location${c.otherLocations.length > 1 ? 's' : ''}` : '';
    const kind = c.contentKind === 'code' ? '' : `  [${c.contentKind}]`;
    process.stdout.write(`${String(i + 1).padStart(2)}. ${c.path}:${c.startLine}-${c.endLine}${c.symbol ? `  ${c.symbol}` : ''}${kind}  (${why})${copies}\n`);
  });
  process.stdout.write(`(${r.mode}, ${r.timingsMs.total?.toFixed(0)} ms)\n`);
}
