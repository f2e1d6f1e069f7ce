// Runs the integration suites inside a real VS Code: code-server (VS Code server + workbench) on
// 127.0.0.1, its workbench in headless Debian chromium.
//   1. the extension loaded for development, with the full suite (test/integration/suite), and a
//      scripted language model extension (test/integration/lm-provider) installed beside it;
//   1b. the same with workspace trust on and the folder untrusted (test/integration/untrusted);
//   2. the packaged .vsix installed with --install-extension, with a smoke suite (test/integration/vsix).
// Prints each suite's report and a final `N passed, N failed`; exits non-zero on any failure.
// `--no-vsix` skips step 2 (quicker while developing). With ASK_CODEBASE_SCREENSHOT_TREE set to a
// repository folder, a screenshot session on a copy of it runs too (pictures for docs/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testModelDir } from './lib/cache.mjs';
import { bundleSuite } from './lib/bundleSuite.mjs';
import { runWorkbench, startCodeServer } from './lib/codeServer.mjs';
import { useScratchTmpdir } from './lib/scratchTmpdir.mjs';
import { codeServerEntry, node22Bin, provisionAll } from './provision.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'out', 'test');
const TIMEOUT_MS = 10 * 60_000;
const withVsix = !process.argv.includes('--no-vsix');

const started = Date.now();
provisionAll();
useScratchTmpdir('acb-integration-');
if (!fs.existsSync(path.join(root, 'dist', 'extension.cjs'))) throw new Error('dist/extension.cjs is missing: run `npm run build` first');

function fixtureWorkspace() {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-ws-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), ws, { recursive: true });
  return ws;
}

/** One workbench session; returns the report's pass/fail counts. */
/**
 * No suite reaches the network for an embedding model: `embeddingModel` is pinned to `none` in the
 * user settings (a suite that tests `auto` sets it itself), and `auto`'s hub points at a closed
 * loopback port with the static test model's id, so even an unpinned `auto` fails fast, offline.
 */
const OFFLINE_MODEL_ENV = { ASK_CODEBASE_AUTO_MODEL_HUB: 'http://127.0.0.1:9/', ASK_CODEBASE_AUTO_MODEL: 'ask-codebase/static-glove-100d' };

/** One workbench session; returns the report's pass/fail counts. */
async function runSuite({ label, testsBundle, developmentPaths, extensionsDir, env = {}, workspaceTrust = false, folder = fixtureWorkspace(), userSettings = { 'askCodebase.embeddingModel': 'none' } }) {
  const report = path.join(os.tmpdir(), `acb-report-${label}-${process.pid}.txt`);
  fs.rmSync(report, { force: true });
  const screenshotDir = path.join(outDir, 'screenshots', label);
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  const server = await startCodeServer({ extensionsDir, workspaceTrust, userSettings, env: { ...OFFLINE_MODEL_ENV, ASK_CODEBASE_TEST_REPORT: report, ASK_CODEBASE_TEST_MODEL_DIR: testModelDir, ASK_CODEBASE_SCREENSHOT_DIR: screenshotDir, LANCEDB_LOG: 'error', ...env } });
  let code;
  try {
    const authority = `vscode-remote://127.0.0.1:${server.port}`;
    code = await runWorkbench({
      url: server.url,
      folder,
      payload: [...developmentPaths.map((p) => ['extensionDevelopmentPath', `${authority}${p}`]), ['extensionTestsPath', `${authority}${testsBundle}`], ['skipWelcome', 'true']],
      timeoutMs: TIMEOUT_MS,
      screenshot: process.env.ASK_CODEBASE_SCREENSHOT,
      screenshotDir,
    });
  } finally {
    server.stop();
  }
  const text = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '';
  process.stdout.write(text);
  const m = /^(\d+) passed, (\d+) failed$/m.exec(text);
  if (code === 'timeout' || !m) {
    console.error(`${label}: the suite did not finish (${code === 'timeout' ? 'timed out' : `exit ${code}`}); code-server log ${server.logFile}:`);
    console.error(fs.readFileSync(server.logFile, 'utf8').slice(-3000));
    return { passed: m ? Number(m[1]) : 0, failed: (m ? Number(m[2]) : 0) + 1 };
  }
  return { passed: Number(m[1]), failed: Number(m[2]) + (code === 0 ? 0 : Number(m[2]) === 0 ? 1 : 0) };
}

/** Installs a .vsix into an extensions folder with code-server's own installer; false on failure. */
function installVsix(vsix, extensionsDir) {
  const install = spawnSync(node22Bin, [codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'acb-ud-'))], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'acb-xdg-')) },
  });
  process.stdout.write(install.stdout);
  if (install.status !== 0) console.error(`installing ${vsix} failed: ${install.stderr}`);
  return install.status === 0;
}

/**
 * The dev session's extensions: the scripted test language model (test/integration/lm-provider),
 * packaged with vsce and installed like any extension — the workbench loads one development path.
 */
function devExtensions() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-dev-ext-'));
  const vsix = path.join(outDir, 'acb-test-lm-provider.vsix');
  fs.mkdirSync(outDir, { recursive: true });
  const pkg = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: path.join(root, 'test', 'integration', 'lm-provider'), encoding: 'utf8',
  });
  if (pkg.status !== 0) throw new Error(`packaging the test language model failed: ${pkg.stderr || pkg.stdout}`);
  if (!installVsix(vsix, dir)) throw new Error('installing the test language model failed');
  return dir;
}

const totals = { passed: 0, failed: 0 };
const add = (r) => {
  totals.passed += r.passed;
  totals.failed += r.failed;
};

const devExtensionsDir = devExtensions();
add(await runSuite({ label: 'dev', testsBundle: (await bundleSuite('test/integration/suite/index.ts', path.join(outDir, 'integration'))).bundle, developmentPaths: [root], extensionsDir: devExtensionsDir }));
// Workspace trust on, the fixture folder untrusted: no remote model may be called, and the default
// `auto` embedding model is never downloaded (its settings are left at the defaults).
add(await runSuite({ label: 'untrusted', testsBundle: (await bundleSuite('test/integration/untrusted/index.ts', path.join(outDir, 'untrusted'))).bundle, developmentPaths: [root], extensionsDir: devExtensionsDir, workspaceTrust: true, userSettings: {} }));

// Pictures for docs/ on a real repository's tree, only when one is named (a copy is indexed).
const screenshotTree = process.env.ASK_CODEBASE_SCREENSHOT_TREE;
if (screenshotTree) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-shots-'));
  fs.cpSync(screenshotTree, folder, { recursive: true });
  add(await runSuite({ label: 'screenshots', testsBundle: (await bundleSuite('test/integration/screenshots/index.ts', path.join(outDir, 'screenshots-suite'))).bundle, developmentPaths: [root], extensionsDir: devExtensionsDir, folder }));
  console.log(`screenshots of ${screenshotTree} in ${path.join(outDir, 'screenshots', 'screenshots')}`);
}

if (withVsix) {
  const pkg = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (pkg.status !== 0) add({ passed: 0, failed: 1 });
  else {
    const vsix = fs.readFileSync(path.join(root, 'dist', 'vsix-path.txt'), 'utf8').trim();
    const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-installed-'));
    if (!installVsix(vsix, extensionsDir)) add({ passed: 0, failed: 1 });
    else {
      // A bare development extension: the workbench only runs extension tests for one.
      const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-probe-'));
      fs.writeFileSync(path.join(probe, 'package.json'), JSON.stringify({ name: 'vsix-probe', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }));
      add(await runSuite({ label: 'vsix', testsBundle: (await bundleSuite('test/integration/vsix/index.ts', path.join(outDir, 'vsix'))).bundle, developmentPaths: [probe], extensionsDir, env: { ASK_CODEBASE_EXTENSIONS_DIR: extensionsDir } }));
    }
  }
}

console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
