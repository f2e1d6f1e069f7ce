// Bundles an integration suite for the extension host (CJS, vscode and native packages external),
// with the engine's worker bundles beside it (the engine starts workers from beside its bundle).
// Every `*.test.ts` beside the suite's index is bundled in: the generated entry hands the index a
// loader that imports them, so adding a test file is all it takes to add tests.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export async function bundleSuite(entry, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const entryPath = path.join(root, entry);
  const suiteDir = path.dirname(entryPath);
  const testFiles = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).sort();
  // Test modules register their mocha suites when evaluated, so the index imports them only after
  // it has set up mocha's globals.
  const contents = [
    `import { run as runSuite } from ${JSON.stringify(entryPath)};`,
    'export function run() {',
    `  return runSuite(async () => {`,
    ...testFiles.map((f) => `    await import(${JSON.stringify(`./${f}`)});`),
    '  });',
    '}',
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: suiteDir, sourcefile: 'suite-entry.ts', loader: 'ts' },
    outfile: path.join(outDir, 'index.cjs'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    external: ['vscode', 'mocha', '@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'web-tree-sitter'],
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: [path.join(root, 'scripts', 'lib', 'import-meta-url.js')],
  });
  for (const w of ['chunk-worker.cjs', 'embed-worker.cjs']) fs.copyFileSync(path.join(root, 'dist', w), path.join(outDir, w));
  return { bundle: path.join(outDir, 'index.cjs'), testFiles };
}
