// Runs the integration suite inside a real VS Code: code-server (VS Code server + workbench) on
// 127.0.0.1, its workbench in headless Debian chromium, the extension loaded for development.
// Prints the suite's report and a final `N passed, N failed`; exits non-zero on any failure.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testModelDir } from './lib/cache.mjs';
import { runWorkbench, startCodeServer } from './lib/codeServer.mjs';
import { provisionAll } from './provision.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'out', 'test', 'integration');
const TIMEOUT_MS = 10 * 60_000;

const started = Date.now();
provisionAll();
if (!fs.existsSync(path.join(root, 'dist', 'extension.cjs'))) throw new Error('dist/extension.cjs is missing: run `npm run build` first');

fs.rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'test', 'integration', 'suite', 'index.ts')],
  outfile: path.join(outDir, 'index.cjs'),
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
  external: ['vscode', 'mocha', '@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'web-tree-sitter'],
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [path.join(root, 'scripts', 'lib', 'import-meta-url.js')],
});
// The engine code bundled into the suite starts its workers from beside the bundle.
for (const w of ['chunk-worker.cjs', 'embed-worker.cjs']) fs.copyFileSync(path.join(root, 'dist', w), path.join(outDir, w));

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-ws-'));
fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const report = path.join(workspace, '..', `acb-report-${process.pid}.txt`);
fs.rmSync(report, { force: true });

const server = await startCodeServer({ env: { ASK_CODEBASE_TEST_REPORT: report, ASK_CODEBASE_TEST_MODEL_DIR: testModelDir, LANCEDB_LOG: 'error' } });
let code;
try {
  const authority = `vscode-remote://127.0.0.1:${server.port}`;
  code = await runWorkbench({
    url: server.url,
    folder: workspace,
    payload: [['extensionDevelopmentPath', `${authority}${root}`], ['extensionTestsPath', `${authority}${path.join(outDir, 'index.cjs')}`], ['skipWelcome', 'true']],
    timeoutMs: TIMEOUT_MS,
    screenshot: process.env.ASK_CODEBASE_SCREENSHOT,
  });
} finally {
  server.stop();
}

const text = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '';
process.stdout.write(text);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (code === 'timeout' || !/^\d+ passed, \d+ failed$/m.test(text)) {
  console.error(`integration tests did not finish (${code === 'timeout' ? 'timed out' : `exit ${code}`}); code-server log: ${server.logFile}`);
  console.error(fs.readFileSync(server.logFile, 'utf8').slice(-3000));
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`integration run took ${seconds} s`);
process.exit(code === 0 && /^\d+ passed, 0 failed$/m.test(text) ? 0 : 1);
