// Bundles the extension, CLI, worker threads and the build process (Node, CJS) and the chat webview (browser).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const production = process.argv.includes('--production');
// Native or WASM-heavy packages are loaded from node_modules at run time, never bundled.
const nodeExternal = ['vscode', '@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'web-tree-sitter'];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const nodeEntries = {
  extension: 'src/extension/extension.ts',
  cli: 'src/cli/main.ts',
  'chunk-worker': 'src/core/chunk/chunkWorker.ts',
  'embed-worker': 'src/core/embed/embedWorker.ts',
  'index-build': 'src/cli/buildProcessMain.ts',
};
const webviewEntry = 'src/webview/main.ts';

// Every bundle is part of the product: a missing entry point is an error, not a smaller build.
const missing = [...Object.values(nodeEntries), webviewEntry].filter((entry) => !fs.existsSync(entry));
if (missing.length > 0) {
  console.error(`build: missing entry point${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  process.exit(1);
}

const jobs = [];
for (const [name, entry] of Object.entries(nodeEntries)) {
  jobs.push(build({
    ...common, entryPoints: [entry], outfile: `dist/${name}.cjs`, platform: 'node', format: 'cjs', target: 'node20',
    external: nodeExternal,
    banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
    // import.meta.url is undefined in CJS output; map it to the bundle's own file URL.
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: ['scripts/lib/import-meta-url.js'],
  }));
}
jobs.push(build({ ...common, entryPoints: [webviewEntry], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' }));
await Promise.all(jobs);
// Tree-sitter grammars ship as files beside the bundles (the grammar packages are dev-only).
const grammarDir = 'dist/grammars';
fs.mkdirSync(grammarDir, { recursive: true });
const modules = JSON.parse(fs.readFileSync('src/core/chunk/grammarModules.json', 'utf8'));
for (const mod of Object.values(modules)) fs.copyFileSync(require.resolve(mod), path.join(grammarDir, path.basename(mod)));
fs.chmodSync('dist/cli.cjs', 0o755);
console.log(`built ${jobs.length} bundles into ${path.resolve('dist')}`);
