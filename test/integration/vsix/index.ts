// Runs inside a code-server where the packaged .vsix was installed (not loaded for development):
// the installed extension must activate and register its commands.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

/** Self-contained: this folder has no *.test.ts, so the loader bundleSuite passes is empty. */
export async function run(): Promise<void> {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  const check = async (name: string, f: () => Promise<void>) => {
    try {
      await f();
      passed++;
      lines.push(`ok - vsix: ${name}`);
    } catch (err) {
      failed++;
      lines.push(`not ok - vsix: ${name}\n    ${String((err as Error)?.stack ?? err).split('\n').slice(0, 4).join('\n    ')}`);
    }
  };
  const ext = vscode.extensions.getExtension('ask-codebase.ask-codebase');
  await check('the packaged extension is installed', async () => {
    assert.ok(ext, 'ask-codebase.ask-codebase is installed');
    const installed = process.env.ASK_CODEBASE_EXTENSIONS_DIR ?? '';
    assert.ok(installed && ext.extensionPath.startsWith(installed), `installed copy under ${installed}, not the work tree: ${ext.extensionPath}`);
  });
  await check('it activates with its native and WASM dependencies', async () => {
    await ext!.activate();
    assert.equal(ext!.isActive, true);
    await vscode.commands.executeCommand('askCodebase.reindex');
    const api = ext!.exports as { index: { state: { state: string }; settled(): Promise<void> } };
    // The start-up run (1.5 s after activation) may begin after the command's run on a busy machine.
    await api.index.settled();
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
  });
  await check('its commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('askCodebase.ask'));
  });
  // The extension's default model is 'none', so activation alone never loads transformers.js:
  // the packaged CLI, run from the installed copy, proves the pruned node_modules still embeds.
  await check('its packaged CLI indexes with the static model and finds code by meaning', async () => {
    const modelDir = process.env.ASK_CODEBASE_TEST_MODEL_DIR;
    assert.ok(modelDir, 'ASK_CODEBASE_TEST_MODEL_DIR is set by the runner');
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'a workspace folder is open');
    const cli = path.join(ext!.extensionPath, 'dist', 'cli.cjs');
    const db = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-vsix-db-'));
    const model = ['--model', 'ask-codebase/static-glove-100d', '--model-dir', modelDir, '--offline'];
    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    const index = spawnSync(process.execPath, [cli, 'index', workspace, '--db', db, ...model, '--json'], { encoding: 'utf8', env, timeout: 120_000 });
    assert.equal(index.status, 0, index.stderr);
    const result = JSON.parse(index.stdout.trim().split('\n').at(-1) ?? '{}') as { chunksEmbedded?: number };
    assert.ok((result.chunksEmbedded ?? 0) > 0, index.stdout.slice(-500));
    const search = spawnSync(process.execPath, [cli, 'search', 'token bucket refill', '--db', db, '--mode', 'vector', '-k', '1', ...model, '--json'], { encoding: 'utf8', env, timeout: 120_000 });
    assert.equal(search.status, 0, search.stderr);
    const hits = JSON.parse(search.stdout) as { chunks: { path: string }[] };
    assert.equal(hits.chunks[0]?.path, 'src/rateLimiter.ts');
  });
  lines.push(`${passed} passed, ${failed} failed`);
  if (process.env.ASK_CODEBASE_TEST_REPORT) fs.writeFileSync(process.env.ASK_CODEBASE_TEST_REPORT, lines.join('\n') + '\n');
  if (failed > 0) throw new Error(`${failed} vsix check(s) failed`);
}
