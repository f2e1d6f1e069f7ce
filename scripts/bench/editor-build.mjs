// The editor's cost of a full index build, measured inside a real VS Code (code-server): opens
// <tree> as the workspace with this extension loaded for development (fresh storage, so the build
// is a first build), and runs scripts/bench/editor/probe.ts in the extension host. With --cli,
// also times `dist/cli.cjs index <tree> --workers 1` (the editor's chunker count) on the same tree.
// Usage: node scripts/bench/editor-build.mjs <tree> [--label NAME] [--cli] [--save REL_PATH]
//   --save: after the build, appends a line to that file of the tree (put back afterwards) and
//   times the update.
// Needs `npm run build`. Writes bench-results/editor-build-<label>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleSuite } from '../lib/bundleSuite.mjs';
import { runWorkbench, startCodeServer } from '../lib/codeServer.mjs';
import { useScratchTmpdir } from '../lib/scratchTmpdir.mjs';
import { provisionAll } from '../provision.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const tree = process.argv[2] && !process.argv[2].startsWith('--') ? path.resolve(process.argv[2]) : undefined;
if (!tree || !fs.existsSync(tree)) {
  console.error('usage: node scripts/bench/editor-build.mjs <tree> [--label NAME] [--cli]');
  process.exit(2);
}
const labelAt = process.argv.indexOf('--label');
const label = labelAt > 0 ? process.argv[labelAt + 1] : path.basename(tree);
const TIMEOUT_MS = Number(process.env.ASK_CODEBASE_BENCH_TIMEOUT_MS ?? 30 * 60_000);

provisionAll();
const scratch = useScratchTmpdir('acb-bench-editor-');
if (!fs.existsSync(path.join(root, 'dist', 'extension.cjs'))) throw new Error('dist/extension.cjs is missing: run `npm run build` first');
const { bundle } = await bundleSuite('scripts/bench/editor/probe.ts', path.join(root, 'out', 'bench-editor'));
const reportFile = path.join(scratch, 'probe.json');
const saveAt = process.argv.indexOf('--save');
const saveFile = saveAt > 0 ? process.argv[saveAt + 1] : undefined;
const server = await startCodeServer({ env: { ASK_CODEBASE_BENCH_OUT: reportFile, LANCEDB_LOG: 'error', ...(saveFile ? { ASK_CODEBASE_BENCH_SAVE_FILE: saveFile } : {}) } });
let code;
try {
  const authority = `vscode-remote://127.0.0.1:${server.port}`;
  code = await runWorkbench({
    url: server.url, folder: tree, timeoutMs: TIMEOUT_MS,
    payload: [['extensionDevelopmentPath', `${authority}${root}`], ['extensionTestsPath', `${authority}${bundle}`], ['skipWelcome', 'true']],
  });
} finally {
  server.stop();
}
if (!fs.existsSync(reportFile)) {
  const stages = fs.existsSync(`${reportFile}.stage`) ? fs.readFileSync(`${reportFile}.stage`, 'utf8') : 'none\n';
  console.error(`the probe wrote no report (workbench exit ${code}); its stages:\n${stages}code-server log ${server.logFile}:`);
  console.error(fs.readFileSync(server.logFile, 'utf8').slice(-3000));
  process.exit(1);
}
const editor = JSON.parse(fs.readFileSync(reportFile, 'utf8'));

let cli;
if (process.argv.includes('--cli')) {
  const db = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-bench-cli-db-'));
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.cjs'), 'index', tree, '--db', db, '--workers', '1', '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`the CLI build failed: ${r.stderr.slice(-2000)}`);
  cli = { buildSeconds: Math.round((performance.now() - started) / 100) / 10, workers: 1 };
}

const result = { tree: path.basename(tree), label, date: new Date().toISOString(), node: process.version, editor, cli };
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-results', `editor-build-${label}.json`), JSON.stringify(result, null, 2) + '\n');
// esbuild's service (bundleSuite) would keep this process alive.
process.exit(0);
