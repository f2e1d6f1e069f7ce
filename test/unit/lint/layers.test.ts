// The layer rules of eslint.config.js, proven on planted imports: the wrong way fails lint, the
// right way passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../..', import.meta.url)) });

/** Lints one import of `specifier` as if it were a file at `filePath`; returns the messages. */
async function lintImport(filePath: string, specifier: string) {
  const code = `import { planted } from '${specifier}';\nexport const used = planted;\n`;
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

async function assertRejected(filePath: string, specifier: string, because: RegExp) {
  const messages = await lintImport(filePath, specifier);
  assert.equal(messages.length, 1, `${filePath} importing ${specifier}: ${messages.join('; ')}`);
  assert.match(messages[0], /^no-restricted-imports: /);
  assert.match(messages[0], because);
}

async function assertAccepted(filePath: string, specifier: string) {
  assert.deepEqual(await lintImport(filePath, specifier), [], `${filePath} importing ${specifier}`);
}

test('store, scan, chunk and embed may not import index, retrieve, answer or eval', async () => {
  const below = /sit below index, retrieve, answer and eval/;
  await assertRejected('src/core/store/planted.ts', '../index/indexer.js', below);
  await assertRejected('src/core/scan/planted.ts', '../retrieve/searchIndex.js', below);
  await assertRejected('src/core/chunk/planted.ts', '../../core/answer/index.js', below);
  await assertRejected('src/core/embed/planted.ts', '../eval/metrics.js', below);
});

test('store, scan, chunk and embed may import each other and the shared core files', async () => {
  await assertAccepted('src/core/store/planted.ts', '../types.js');
  await assertAccepted('src/core/store/planted.ts', '../tokenEstimate.js');
  await assertAccepted('src/core/chunk/planted.ts', '../scan/index.js');
  await assertAccepted('src/core/scan/planted.ts', './index.js');
  await assertAccepted('src/core/embed/planted.ts', '../store/schema.js');
});

test('retrieve may not import answer, but may import the layers below', async () => {
  await assertRejected('src/core/retrieve/planted.ts', '../answer/composePrompt.js', /retrieve does not import answer/);
  await assertAccepted('src/core/retrieve/planted.ts', '../store/indexStore.js');
  await assertAccepted('src/core/retrieve/planted.ts', '../tokenEstimate.js');
  await assertAccepted('src/core/answer/planted.ts', '../retrieve/searchIndex.js');
});

test('src/core imports nothing from cli, extension, webview or mcp, nor vscode', async () => {
  const outer = /src\/core imports nothing from cli, extension, webview or mcp/;
  await assertRejected('src/core/answer/planted.ts', '../../cli/main.js', outer);
  await assertRejected('src/core/planted.ts', '../extension/extension.js', outer);
  await assertRejected('src/core/store/planted.ts', '../../webview/main.js', outer);
  await assertRejected('src/core/retrieve/planted.ts', '../../../src/mcp/server.js', outer);
  await assertRejected('src/core/index/planted.ts', 'vscode', /must stay free of vscode/);
});

test('src/mcp is plain Node over the engine: no cli, extension, webview or vscode', async () => {
  const plain = /src\/mcp is plain Node over src\/core/;
  await assertRejected('src/mcp/planted.ts', '../extension/workspaceIndex.js', plain);
  await assertRejected('src/mcp/planted.ts', '../../src/cli/program.js', plain);
  await assertRejected('src/mcp/planted.ts', '../webview/main.js', plain);
  await assertRejected('src/mcp/planted.ts', 'vscode', /must stay free of vscode/);
  await assertAccepted('src/mcp/planted.ts', '../core/retrieve/searchIndex.js');
  await assertAccepted('src/extension/planted.ts', '../mcp/codebaseTools.js');
  await assertAccepted('src/cli/planted.ts', '../mcp/server.js');
});

test('the adapters may import the engine', async () => {
  await assertAccepted('src/cli/planted.ts', '../core/answer/index.js');
  await assertAccepted('src/extension/planted.ts', '../core/index/indexer.js');
});

test('the webview imports only src/shared, never the extension or the engine', async () => {
  const panel = /src\/webview runs in the browser/;
  await assertRejected('src/webview/planted.ts', '../extension/chatView.js', panel);
  await assertRejected('src/webview/planted.ts', '../core/answer/types.js', panel);
  await assertRejected('src/webview/planted.ts', '../../src/cli/main.js', panel);
  await assertRejected('src/webview/planted.ts', 'vscode', /must stay free of vscode/);
  await assertAccepted('src/webview/planted.ts', '../shared/chatProtocol.js');
  await assertAccepted('src/extension/planted.ts', '../shared/chatProtocol.js');
});

test('src/shared imports neither side', async () => {
  const neutral = /src\/shared is neutral ground/;
  await assertRejected('src/shared/planted.ts', '../extension/chatView.js', neutral);
  await assertRejected('src/shared/planted.ts', '../webview/main.js', neutral);
  await assertRejected('src/shared/planted.ts', '../core/answer/types.js', neutral);
});

test('the self-evaluation (core/tune) sits above the engine: the indexer imports no evaluation code', async () => {
  const room = /core\/tune is the self-evaluation step above the engine/;
  await assertRejected('src/core/retrieve/planted.ts', '../tune/tuneIndex.js', room);
  await assertRejected('src/core/eval/planted.ts', '../tune/tuneIndex.js', room);
  await assertRejected('src/core/answer/planted.ts', '../../core/tune/tuneIndex.js', room);
  await assertRejected('src/core/store/planted.ts', '../tune/tuneIndex.js', /sit below index, retrieve, answer and eval/);
  const fromIndex = /the indexer never imports evaluation code/;
  await assertRejected('src/core/index/planted.ts', '../eval/synth.js', fromIndex);
  await assertRejected('src/core/index/planted.ts', '../tune/tuneIndex.js', fromIndex);
  await assertAccepted('src/core/tune/planted.ts', '../eval/commitMessage.js');
  await assertAccepted('src/core/tune/planted.ts', '../retrieve/rankCandidates.js');
  await assertAccepted('src/cli/planted.ts', '../core/tune/tuneIndex.js');
  await assertAccepted('src/extension/planted.ts', '../core/tune/tuneIndex.js');
});
