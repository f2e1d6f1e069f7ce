// Starts code-server (the real VS Code server + workbench) on loopback in its own process group,
// and drives its workbench with Debian's chromium through playwright-core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromiumBin, codeServerEntry, node22Bin } from '../provision.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** @returns {{ port: number, url: string, stop: () => void, logFile: string, extensionsDir: string }} */
export async function startCodeServer({ env = {}, extensionsDir, port, workspaceTrust = false, userSettings } = {}) {
  port ??= await freePort();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-code-server-'));
  const dirs = Object.fromEntries(['data', 'config', 'cache', 'user-data'].map((d) => [d, path.join(home, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // The browser's user settings and the server's (where machine-scoped settings such as
  // askCodebase.embeddingModel are read in a remote window) start from the same values.
  for (const scope of userSettings ? ['User', 'Machine'] : []) {
    fs.mkdirSync(path.join(dirs['user-data'], scope), { recursive: true });
    fs.writeFileSync(path.join(dirs['user-data'], scope, 'settings.json'), JSON.stringify(userSettings, null, 2));
  }
  extensionsDir ??= path.join(home, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const logFile = path.join(home, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(node22Bin, [
    codeServerEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--user-data-dir', dirs['user-data'], '--extensions-dir', extensionsDir,
  ], {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env, ...env, EXTENSIONS_GALLERY: '{}', XDG_DATA_HOME: dirs.data, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache,
      // The project's npm environment must not leak into the VS Code server.
      npm_config_user_agent: undefined, npm_node_execpath: undefined, NODE_OPTIONS: undefined,
    },
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; log: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { port, url: `http://127.0.0.1:${port}`, stop, logFile, extensionsDir };
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`code-server did not answer on port ${port} within 60 s; log: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** Opens the workbench and resolves with the exit code the extension tests report. */
/**
 * Screenshots on request from the tests: a test writes `<dir>/<name>.request`; the runner saves
 * the page as `<dir>/<name>.png` and deletes the request file.
 */
async function serveScreenshots(page, dir, done) {
  while (!done()) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.request'))) {
      const name = f.slice(0, -'.request'.length);
      await page.screenshot({ path: path.join(dir, `${name}.png`) }).catch((err) => console.error(`screenshot ${name} failed: ${err.message}`));
      fs.rmSync(path.join(dir, f), { force: true });
    }
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.probe'))) {
      const name = f.slice(0, -'.probe'.length);
      const result = await page.evaluate(editorDecorationsProbe).catch((err) => ({ error: err.message }));
      fs.writeFileSync(path.join(dir, `${name}.json.tmp`), JSON.stringify(result));
      fs.renameSync(path.join(dir, `${name}.json.tmp`), path.join(dir, `${name}.json`));
      fs.rmSync(path.join(dir, f), { force: true });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs in the workbench page: the editor decorations extensions set, read from the DOM. VS Code
 * names a decoration type's CSS classes `ced-<key>-<rule>`; rule 0 is the line/range class
 * (backgrounds), rule 2 the glyph-margin class (gutter icons).
 */
function editorDecorationsProbe() {
  const { document } = globalThis;
  const getComputedStyle = (el) => globalThis.getComputedStyle(el);
  const rule = (el, n) => [...el.classList].some((c) => c.startsWith('ced-') && c.endsWith(`-${n}`));
  const all = [...document.querySelectorAll('.monaco-editor [class*="ced-"]')];
  const painted = (c) => c && c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c);
  return {
    gutterIcons: all.filter((el) => rule(el, 2) && getComputedStyle(el).backgroundImage !== 'none').length,
    backgrounds: all.filter((el) => rule(el, 0) && painted(getComputedStyle(el).backgroundColor)).length,
  };
}

export async function runWorkbench({ url, folder, payload, timeoutMs, screenshot, screenshotDir }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (process.env.ASK_CODEBASE_TEST_VERBOSE) console.log(`[workbench ${type}]`, ...(Array.isArray(args) ? args : [args]));
    });
    const q = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${url}/?${q}`);
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
    let finished = false;
    const shots = screenshotDir ? serveScreenshots(page, screenshotDir, () => finished) : Promise.resolve();
    const code = await Promise.race([exited, timer]);
    finished = true;
    await shots;
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => undefined);
    return code;
  } finally {
    await browser.close();
  }
}
