// Runs inside a code-server where the packaged .vsix was installed (not loaded for development):
// the installed extension must activate and register its commands.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';

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
    const api = ext!.exports as { index: { state: { state: string } } };
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
  });
  await check('its commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('askCodebase.ask'));
  });
  lines.push(`${passed} passed, ${failed} failed`);
  if (process.env.ASK_CODEBASE_TEST_REPORT) fs.writeFileSync(process.env.ASK_CODEBASE_TEST_REPORT, lines.join('\n') + '\n');
  if (failed > 0) throw new Error(`${failed} vsix check(s) failed`);
}
