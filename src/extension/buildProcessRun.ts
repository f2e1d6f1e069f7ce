// A full or large index run in a build process of its own (src/core/index/buildProcess.ts):
// the extension host keeps only the messages. Pause and resume reach the process through the
// shared gate, cancel through the run's signal; the process exits when the run ends and gives
// its memory back. A step meant to follow a build (another job kind) runs in the same process
// before it is closed.
import type { BuildProcess } from '../core/index/buildProcess.js';
import type { IndexJobResult } from '../core/index/buildProtocol.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';
import type { EditorRun, RunSettings } from './indexRun.js';

/** The run's result, and the index's numbers read in the build process (the host loads no LanceDB for them). */
export async function runInBuildProcess(o: EditorRun, onlyPaths: string[] | undefined, s: RunSettings): Promise<IndexJobResult> {
  const { BuildProcess } = await import('../core/index/buildProcess.js');
  const child = BuildProcess.start({ gate: o.gate });
  o.log.info(`index build process ${child.pid} started${onlyPaths ? ` for ${onlyPaths.length} changed paths` : ''}`);
  o.onBuildProcess?.(child);
  try {
    const done = await child.run<IndexJobResult>(
      { kind: 'index', options: { roots: o.roots, dbDir: o.dbDir, embedder: o.embedderSpec(), scan: s.scan, chunk: s.chunk, onlyPaths, workers: 1 } },
      {
        signal: o.signal,
        onProgress: s.onProgress,
        onMessage: s.onMessage,
        ask: (q) => s.confirmMassDelete(q.removing, q.indexed),
      },
    );
    // A walk of one folder (not a few saved files) may be a new or rebuilt index: the
    // self-evaluation follows in the same process (it does nothing when the index has its report).
    if (!onlyPaths && !done.result.cancelled && o.roots.length === 1) await tuneInBuildProcess(child, o, done);
    return done;
  } finally {
    await child.close();
    o.log.info(`index build process ${child.pid} ended; its peak memory ${Math.round(child.peakRssBytes / 1e6)} MB`);
  }
}

async function tuneInBuildProcess(child: BuildProcess, o: EditorRun, done: IndexJobResult): Promise<void> {
  try {
    const report = await child.run<TuningReport | undefined>(
      { kind: 'tune', options: { dbDir: o.dbDir, root: o.roots[0].path, buildMs: done.result.totalMs, embedder: o.embedderSpec() } },
      { signal: o.signal },
    );
    if (!report) return;
    o.log.info(`self-tuning: ${report.status === 'tuned' ? report.settingsText : 'global defaults'} in ${(report.ms / 1000).toFixed(1)} s — ${report.reason}${report.notes.length ? ` (${report.notes.join('; ')})` : ''}`);
    if (report.saved && done.stats) done.stats.selfTuning = JSON.stringify(report);
  } catch (err) {
    if (o.signal.aborted) return;
    // The index is built and searchable with the defaults: a failed self-evaluation only says so.
    o.log.warn(`self-tuning skipped: ${(err as Error).message}`);
  }
}
