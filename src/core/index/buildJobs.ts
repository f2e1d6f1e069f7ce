// What a build process can be asked to do: one handler per job kind. A handler gets the job's
// data and a context that reaches the parent (progress, log lines, questions) and stops on
// cancel or waits while paused.
import { createEmbedder } from '../embed/createEmbedder.js';
import type { ProgressEvent } from '../types.js';
import type { BuildJob, BuildQuestion, IndexJobResult } from './buildProtocol.js';
import type { PauseGate } from './pauseGate.js';

export interface JobContext {
  signal: AbortSignal;
  gate: PauseGate;
  progress(event: ProgressEvent): void;
  log(level: 'info' | 'warn', message: string): void;
  ask(question: BuildQuestion): Promise<boolean>;
}

/** One handler per job kind; the process's entry adds the kinds that sit above the indexer. */
export type BuildJobHandlers = { [K in BuildJob['kind']]: (job: Extract<BuildJob, { kind: K }>, ctx: JobContext) => Promise<unknown> };

/** The indexer's own jobs. */
export const indexJobHandlers: Pick<BuildJobHandlers, 'index' | 'reclaim'> = {
  async reclaim({ options }) {
    const { reclaimSpace } = await import('./reclaimSpace.js');
    return reclaimSpace(options.dbDir);
  },

  async index({ options }, ctx) {
    const { runIndex } = await import('./indexer.js');
    const embedder = await createEmbedder(
      options.embedder.kind === 'transformers'
        ? { ...options.embedder, onDownloadProgress: (p) => p.total && ctx.log('info', `downloading ${p.file}: ${Math.round((100 * p.loaded) / p.total)}%`) }
        : options.embedder,
      ctx.signal,
    );
    try {
      const result = await runIndex({
        ...options,
        embedder,
        signal: ctx.signal,
        gate: ctx.gate,
        onProgress: (event) => ctx.progress(event),
        onMessage: (level, message) => ctx.log(level, message),
        confirmMassDelete: (removing, indexed) => ctx.ask({ kind: 'confirm-mass-delete', removing, indexed }),
      });
      // The index's numbers are read here too: the parent need not load LanceDB to show them.
      if (result.cancelled) return { result } satisfies IndexJobResult;
      const { IndexStore } = await import('../store/indexStore.js');
      return { result, stats: await IndexStore.readStats(options.dbDir) } satisfies IndexJobResult;
    } finally {
      await embedder?.dispose();
    }
  },
};

export function runBuildJob(handlers: BuildJobHandlers, job: BuildJob, ctx: JobContext): Promise<unknown> {
  const handler = handlers[job.kind] as (job: BuildJob, ctx: JobContext) => Promise<unknown>;
  if (!handler) throw new Error(`unknown build job kind: ${String((job as { kind?: unknown }).kind)}`);
  return handler(job, ctx);
}
