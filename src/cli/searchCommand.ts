// `ask-codebase search "<question>"`: hybrid retrieval from the command line, one question or a
// JSONL batch (`--queries`), with the evidence for each result.
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { searchIndex } from '../core/retrieve/searchIndex.js';
import type { RetrievalMode, RetrievalResult } from '../core/retrieve/types.js';
import { IndexStore } from '../core/store/indexStore.js';
import { AskCodebaseError } from '../core/types.js';
import { defaultDbDir } from './dbLocation.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';

interface SearchCliOptions extends EmbedderCliOptions {
  root?: string;
  db?: string;
  k: string;
  json?: boolean;
  queries?: string;
  mode?: RetrievalMode;
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
    .option('--json', 'print JSON');
  addEmbedderOptions(cmd);
  cmd.action(async (question: string | undefined, opts: SearchCliOptions) => {
    const k = Number(opts.k);
    if (!Number.isInteger(k) || k < 1) throw new AskCodebaseError('bad-arguments', `-k must be a positive whole number, got "${opts.k}"`);
    if (opts.mode && !['hybrid', 'keyword', 'vector'].includes(opts.mode)) throw new AskCodebaseError('bad-arguments', `--mode must be hybrid, keyword or vector, got "${opts.mode}"`);
    if (!question && !opts.queries) throw new AskCodebaseError('bad-arguments', 'Give a question, or --queries FILE.jsonl.');
    const dbDir = opts.db ?? defaultDbDir(opts.root ?? process.cwd());
    const store = await IndexStore.openExisting(dbDir);
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    try {
      if (embedder && embedder.id !== store.identity.embedderId) {
        process.stderr.write(`warning: this index was built with ${store.identity.embedderId}, not ${embedder.id}: vector search is skipped.\n`);
      }
      const usable = embedder && embedder.id === store.identity.embedderId ? embedder : null;
      const search = (q: string) => searchIndex(store, q, { k, mode: opts.mode, embedder: usable });
      if (opts.queries) {
        const lines = (await fs.readFile(opts.queries, 'utf8')).split('\n').filter((l) => l.trim());
        for (const [i, line] of lines.entries()) {
          let rec: { id?: unknown; query?: unknown };
          try {
            rec = JSON.parse(line);
          } catch {
            throw new AskCodebaseError('bad-queries', `${opts.queries}:${i + 1}: not valid JSON`);
          }
          if (typeof rec.query !== 'string') throw new AskCodebaseError('bad-queries', `${opts.queries}:${i + 1}: missing "query"`);
          const r = await search(rec.query);
          process.stdout.write(JSON.stringify({ id: rec.id ?? i + 1, results: compact(r) }) + '\n');
        }
        return;
      }
      const r = await search(question!);
      if (opts.json) process.stdout.write(JSON.stringify({ ...r, results: compact(r) }) + '\n');
      else print(r);
    } finally {
      await embedder?.dispose();
      await store.close();
    }
  });
}

function compact(r: RetrievalResult) {
  return r.chunks.map((c) => ({ path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, score: Number(c.score.toFixed(6)), signals: c.signals }));
}

function print(r: RetrievalResult): void {
  for (const w of r.warnings) process.stderr.write(`note: ${w}\n`);
  if (r.chunks.length === 0) process.stdout.write('No results.\n');
  r.chunks.forEach((c, i) => {
    const why = Object.entries(c.signals).map(([s, e]) => `${s} #${e!.rank}`).join(', ');
    process.stdout.write(`${String(i + 1).padStart(2)}. ${c.path}:${c.startLine}-${c.endLine}${c.symbol ? `  ${c.symbol}` : ''}  (${why})\n`);
  });
  process.stdout.write(`(${r.mode}, ${r.timingsMs.total?.toFixed(0)} ms)\n`);
}
