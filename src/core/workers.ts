// Locates a worker thread's script: the esbuild bundle beside us in dist/, or the TypeScript
// source (run through tsx) when the engine itself runs from source, as in unit tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface WorkerScript {
  filename: string;
  execArgv: string[];
}

/**
 * @param bundleName name of the bundle in dist/ without extension, e.g. 'chunk-worker'
 * @param sourceFromCore the worker's source path relative to src/core, e.g. 'chunk/chunkWorker.ts'
 */
export function workerScript(bundleName: string, sourceFromCore: string): WorkerScript {
  const bundled = path.join(here, `${bundleName}.cjs`);
  if (existsSync(bundled)) return { filename: bundled, execArgv: [] };
  const source = path.join(here, sourceFromCore);
  if (existsSync(source)) return { filename: source, execArgv: ['--import', 'tsx'] };
  throw new Error(`worker script not found: ${bundled} or ${source}`);
}
