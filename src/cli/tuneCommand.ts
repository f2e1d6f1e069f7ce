// `ask-codebase tune`: the self-evaluation on demand — pairs from the repository's history and
// doc comments, ranking settings chosen on half of them and checked on the other half.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AskCodebaseError } from '../core/types.js';
import { defaultDbDir } from './dbLocation.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';
import { tuningLines } from './tuningText.js';

interface TuneCliOptions extends EmbedderCliOptions {
  root: string;
  db?: string;
  json?: boolean;
  pairs?: string;
  budget?: string;
  git?: string;
  rev?: string;
  save: boolean;
}

export function registerTuneCommand(program: Command): void {
  const cmd = program
    .command('tune')
    .description("choose this repository's ranking settings by measurement (its commit messages and doc comments) and save them with the index")
    .requiredOption('--root <dir>', 'the indexed folder')
    .option('--db <dir>', 'index folder (default: the root\'s default index folder)')
    .option('--pairs <n>', 'pairs of each kind at most', '32')
    .option('--budget <seconds>', 'time budget', '20')
    .option('--git <dir>', 'the repository the tree came from (default: the root\'s own)')
    .option('--rev <commit>', 'the commit the tree was taken from (default HEAD)')
    .option('--no-save', 'only report; leave the index as it is')
    .option('--json', 'print the report as JSON');
  addEmbedderOptions(cmd);
  cmd.action(async (opts: TuneCliOptions) => {
    const root = path.resolve(opts.root);
    const dbDir = opts.db ?? defaultDbDir(root);
    if (!fs.existsSync(dbDir)) throw new AskCodebaseError('no-index', `No index at ${dbDir}. Build one with: ask-codebase index ${opts.root}${opts.db ? ` --db ${opts.db}` : ''}`);
    const maxPairs = Number(opts.pairs);
    const budgetMs = Number(opts.budget) * 1000;
    if (!Number.isInteger(maxPairs) || maxPairs < 1) throw new AskCodebaseError('bad-arguments', `--pairs must be a positive integer, not ${opts.pairs}.`);
    if (!(budgetMs > 0)) throw new AskCodebaseError('bad-arguments', `--budget must be a positive number of seconds, not ${opts.budget}.`);
    const [{ IndexStore }, { tuneIndex }] = await Promise.all([import('../core/store/indexStore.js'), import('../core/tune/tuneIndex.js')]);
    const store = await IndexStore.openExisting(dbDir);
    // The index's own model measures the vector weight, unless another is named.
    const modelGiven = cmd.getOptionValueSource('model') !== 'default';
    const embedder = store.identity.embedderId === 'none' ? null : await embedderFromOptions(modelGiven ? opts : { ...opts, model: store.identity.embedderId, offline: true }, (m) => process.stderr.write(m + '\n')).catch((err: Error) => {
      process.stderr.write(`ask-codebase: the index's model ${store.identity.embedderId} could not be loaded (${err.message}); tuning without vectors\n`);
      return null;
    });
    try {
      const report = await tuneIndex(store, root, { embedder, maxPairs, budgetMs, save: opts.save, git: opts.git || opts.rev ? { dir: opts.git && path.resolve(opts.git), rev: opts.rev } : undefined });
      process.stdout.write(opts.json ? JSON.stringify(report) + '\n' : tuningLines(report).join('\n') + '\n');
    } finally {
      await embedder?.dispose();
      await store.close();
    }
  });
}
