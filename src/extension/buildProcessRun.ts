// A full or large index run in a build process of its own (src/core/index/buildProcess.ts):
// the extension host keeps only the messages. Pause and resume reach the process through the
// shared gate, cancel through the run's signal; the process exits when the run ends and gives
// its memory back. A step meant to follow a build (another job kind) runs in the same process
// before it is closed.
import type { IndexJobResult } from '../core/index/buildProtocol.js';
import type { EditorRun, RunSettings } from './indexRun.js';

/** The run's result, and the index's numbers read in the build process (the host loads no LanceDB for them). */
export async function runInBuildProcess(o: EditorRun, onlyPaths: string[] | undefined, s: RunSettings): Promise<IndexJobResult> {
  const { BuildProcess } = await import('../core/index/buildProcess.js');
  const child = BuildProcess.start({ gate: o.gate });
  o.log.info(`index build process ${child.pid} started${onlyPaths ? ` for ${onlyPaths.length} changed paths` : ''}`);
  o.onBuildProcess?.(child);
  try {
    return await child.run<IndexJobResult>(
      { kind: 'index', options: { roots: o.roots, dbDir: o.dbDir, embedder: o.embedderSpec(), scan: s.scan, chunk: s.chunk, onlyPaths, workers: 1 } },
      {
        signal: o.signal,
        onProgress: s.onProgress,
        onMessage: s.onMessage,
        ask: (q) => s.confirmMassDelete(q.removing, q.indexed),
      },
    );
  } finally {
    await child.close();
    o.log.info(`index build process ${child.pid} ended; its peak memory ${Math.round(child.peakRssBytes / 1e6)} MB`);
  }
}
