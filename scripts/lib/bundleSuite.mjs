// Bundles an integration suite for the extension host (CJS, vscode and native packages external),
// with the engine's worker bundles beside it (the engine starts workers from beside its bundle).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export async function bundleSuite(entry, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(outDir, 'index.cjs'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    external: ['vscode', 'mocha', '@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'web-tree-sitter'],
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: [path.join(root, 'scripts', 'lib', 'import-meta-url.js')],
  });
  for (const w of ['chunk-worker.cjs', 'embed-worker.cjs']) fs.copyFileSync(path.join(root, 'dist', w), path.join(outDir, w));
  return path.join(outDir, 'index.cjs');
}
