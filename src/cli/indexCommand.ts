// `ask-codebase index <root...>`: build or update the index of one or more folders.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { Embedder } from '../core/embed/embedder.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';
import { AskCodebaseError } from '../core/types.js';
import { uniqueRootLabels } from '../core/workspacePaths.js';
import { defaultDbDir } from './dbLocation.js';
import { AUTO_KEYWORD_ONLY_KEY, embedderFromOptions, addEmbedderOptions, type EmbedderCliOptions } from './embedderOptions.js';
import { progressPrinter } from './progressBar.js';

interface IndexCliOptions extends EmbedderCliOptions {
  db?: string;
  json?: boolean;
  maxFileSize?: string;
  workers: string;
  allowMassDelete?: boolean;
  tune: boolean;
}

export function registerIndexCommand(program: Command): void {
  const cmd = program
    .command('index')
    .description('index (or update the index of) the given folders')
    .argument('<roots...>', 'folders to index; several folders make a multi-root index labelled by folder name')
    .option('--db <dir>', 'index folder (default: a per-user cache folder keyed by the first root)')
    .option('--max-file-size <kb>', 'skip files larger than this many KB', '1024')
    .option('--workers <n>', 'worker threads for chunking and for a local embedding model (default: one per core; the editor keeps one core free instead)', String(os.availableParallelism()))
    .option('--allow-mass-delete', 'allow a run that removes more than half of the indexed files (refused by default: a moved or unmounted folder looks the same)')
    .option('--no-tune', 'skip the self-evaluation that a new or rebuilt index gets (ask-codebase tune runs it later)')
    .option('--json', 'print progress and the result as JSON lines');
  addEmbedderOptions(cmd);
  cmd.action(async (roots: string[], opts: IndexCliOptions) => {
    const dbDir = opts.db ?? defaultDbDir(roots[0]);
    const maxKb = Number(opts.maxFileSize);
    if (!Number.isFinite(maxKb) || maxKb <= 0) throw new AskCodebaseError('bad-arguments', `--max-file-size must be a positive number of KB, got "${opts.maxFileSize}"`);
    const workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new AskCodebaseError('bad-arguments', `--workers must be a whole number from 1 to 64, got "${opts.workers}"`);
    const { runIndex } = await import('../core/index/indexer.js');
    let keywordOnly: string | undefined;
    const embedder = await embedderFromOptions(opts, (msg) => process.stderr.write(msg + '\n'), workers, (reason) => (keywordOnly = reason));
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    const progress = progressPrinter(!!opts.json);
    try {
      const multi = roots.length > 1;
      const labels = uniqueRootLabels(roots.map((r) => path.basename(path.resolve(r))));
      const result = await runIndex({
        roots: roots.map((r, i) => ({ path: path.resolve(r), label: multi ? labels[i] : undefined })),
        dbDir,
        embedder,
        scan: { maxFileSizeBytes: Math.round(maxKb * 1024) },
        workers,
        allowMassDelete: Boolean(opts.allowMassDelete),
        signal: ac.signal,
        onProgress: (e) => progress.update(e),
        onMessage: (level, message) => process.stderr.write(`${level}: ${message}\n`),
      });
      progress.done();
      if (opts.model === 'auto' && !result.cancelled) await noteKeywordOnly(dbDir, keywordOnly);
      const tuning = opts.tune && roots.length === 1 && !result.cancelled ? await selfTune(dbDir, path.resolve(roots[0]), result.totalMs, embedder, ac.signal) : undefined;
      if (opts.json) process.stdout.write(JSON.stringify({ type: 'result', dbDir, ...result, ...(keywordOnly ? { keywordOnly } : {}), ...(tuning ? { selfTuning: tuning } : {}) }) + '\n');
      else {
        const s = (ms: number) => (ms / 1000).toFixed(1) + ' s';
        // Files the walk accepted may still be skipped once read (binary, generated): not indexed.
        const indexed = result.added + result.changed + result.touched + result.unchanged;
        process.stdout.write(
          `${result.cancelled ? 'Cancelled after indexing' : 'Indexed'} ${indexed} file${indexed === 1 ? '' : 's'} into ${dbDir}\n` +
            `  new ${result.added}, changed ${result.changed}, touched ${result.touched}, unchanged ${result.unchanged}, deleted ${result.deleted}, skipped ${result.skipped}\n` +
            `  chunks stored ${result.chunksStored}, embedded ${result.chunksEmbedded}, vectors reused ${result.vectorsReused}\n` +
            `  keyword-searchable after ${s(result.keywordReadyMs)}, done after ${s(result.totalMs)}\n` +
            (keywordOnly ? `  keyword-only: the auto embedding model could not be loaded (${keywordOnly})\n` : '') +
            (tuning ? `  self-tuning: ${tuning.status === 'tuned' ? tuning.settingsText : 'global defaults'} (${s(tuning.ms)}): ${tuning.reason}\n` : ''),
        );
      }
      if (result.cancelled) process.exitCode = 130;
    } finally {
      process.off('SIGINT', onSigint);
      await embedder?.dispose();
    }
  });
}

/** The self-evaluation after a build; a failure to run it is a warning, never a failed index. */
/** `ask-codebase status` says why an `auto` index has no vectors (or nothing, once it has them). */
async function noteKeywordOnly(dbDir: string, reason: string | undefined): Promise<void> {
  const { IndexStore } = await import('../core/store/indexStore.js');
  const store = await IndexStore.openExisting(dbDir);
  try {
    await store.writeMetaValue(AUTO_KEYWORD_ONLY_KEY, reason ?? '');
  } finally {
    await store.close();
  }
}

async function selfTune(dbDir: string, root: string, buildMs: number, embedder: Embedder | null, signal: AbortSignal): Promise<TuningReport | undefined> {
  const { tuneAfterBuild } = await import('../core/tune/afterBuild.js');
  return tuneAfterBuild(dbDir, root, { buildMs, embedder }, signal).catch((err: Error) => {
    if (signal.aborted) return undefined;
    process.stderr.write(`warn: the self-evaluation was skipped: ${err.message}\n`);
    return undefined;
  });
}
