// Locates a worker thread's script: the esbuild bundle beside us in dist/, or the TypeScript
// source when the engine itself runs from source (unit tests), through a tiny tsx bootstrap:
// Node 20 workers do not inherit the parent's `--import tsx` loader.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface WorkerScript {
  filename: string | URL;
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
  if (!existsSync(source)) throw new Error(`worker script not found: ${bundled} or ${source}`);
  // The ESM build of tsx's API (require.resolve finds the CJS one, which cannot register hooks here).
  const tsxApiCjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxApiCjs), 'index.mjs')).href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(pathToFileURL(source).href)});`;
  return { filename: new URL(`data:text/javascript,${encodeURIComponent(code)}`), execArgv: [] };
}
