// `ask-codebase eval synth`: a commit-localisation dataset from a repository's own git history,
// so retrieval can be measured (and tuned) on the user's code.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AskCodebaseError } from '../core/types.js';

interface SynthCliOptions {
  root: string;
  out: string;
  max: string;
  maxCommits?: string;
  rev?: string;
  repo?: string;
}

export function registerEvalSynthCommand(evalCmd: Command): void {
  evalCmd
    .command('synth')
    .description("build a dataset from the repository's git history: each record is a fix commit's message and the lines it changed")
    // --root and --out are also options of `eval`, which parses them first: read them from both levels.
    .option('--root <dir>', 'a git working copy or repository (required)')
    .option('--out <file>', 'where to write the JSONL dataset (required)')
    .option('--max <n>', 'records wanted at most', '50')
    .option('--max-commits <n>', 'commits examined at most, newest first', '5000')
    .option('--rev <rev>', 'walk back from this revision (default HEAD)')
    .option('--repo <owner/name>', 'repository name written into the records (default: the folder name)')
    .action(async (_local: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<SynthCliOptions>();
      if (!opts.root || !opts.out) throw new AskCodebaseError('bad-arguments', 'eval synth needs --root <git working copy> and --out <file.jsonl>.');
      const n = Number(opts.max);
      const maxCommits = Number(opts.maxCommits ?? 5000);
      if (!Number.isInteger(n) || n < 1) throw new AskCodebaseError('bad-arguments', `--max must be a positive whole number, got "${opts.max}"`);
      if (!Number.isInteger(maxCommits) || maxCommits < 1) throw new AskCodebaseError('bad-arguments', `--max-commits must be a positive whole number, got "${opts.maxCommits}"`);
      const root = path.resolve(opts.root);
      const stat = await fs.stat(root).catch(() => undefined);
      if (!stat?.isDirectory()) throw new AskCodebaseError('bad-arguments', `--root ${opts.root} is not a folder.`);
      const started = performance.now();
      const { synthesizeDataset } = await import('../core/eval/synth.js');
      const records = await synthesizeDataset(root, { n, maxCommits, rev: opts.rev, repo: opts.repo });
      await fs.writeFile(opts.out, records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
      process.stderr.write(`${records.length} records written to ${opts.out} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        (records.length < n ? ` (the history had no more qualifying fix commits within ${maxCommits} commits)` : '') + '\n');
      if (records.length > 0) process.stderr.write(`measure with: ask-codebase eval --dataset ${opts.out} --git ${root}\n`);
    });
}
