// Issue 13, item 7: files that carry credentials never reach the index, whatever their name, and
// >= 100 generated fake secrets in many formats never reach a remote model's request body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askIndex } from '../../src/core/answer/askIndex.js';
import { OpenAICompatibleProvider } from '../../src/core/answer/openAICompatibleProvider.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { fileReaderFor } from '../../src/core/workspacePaths.js';
import { completionEvents, ScriptedChatServer } from '../unit/answer/scriptedChatServer.js';
import { readIndex, runCli, tempDir, workspace } from './harness.js';
import { fakeSecrets, secretFiles } from './secretCorpus.js';

test('files holding credentials under other names are never indexed (by name or by content)', async () => {
  const secrets = secretFiles();
  const root = await workspace({ ...secrets, 'src/app.ts': 'export const app = "MARKER_APP_OK";\n', 'README.md': '# Project\nplain docs\n' });
  const db = await tempDir('acb-rel-db-');
  const run = await runCli(['index', root, '--db', db]);
  assert.equal(run.code, 0, run.stderr);
  const { files, chunks } = await readIndex(db);
  for (const rel of Object.keys(secrets)) {
    assert.equal(files.get(rel), 'skipped', `${rel} is recorded as skipped`);
    assert.deepEqual(chunks.filter((c) => c.path === rel), [], `${rel} has no chunks`);
  }
  assert.ok(!chunks.some((c) => c.text.includes('SECRETFILE_')), '0 secret files reach the index');
  assert.ok(chunks.some((c) => c.text.includes('MARKER_APP_OK')));
  const status = JSON.parse((await runCli(['status', '--db', db, '--json'])).stdout);
  assert.equal(status.skippedByReason.secret, Object.keys(secrets).length);
});

test('>= 100 generated fake secrets in 22 formats: none reaches a remote request body', async () => {
  const secrets = fakeSecrets(5);
  assert.ok(secrets.length >= 100);
  // Half in indexed source files (reach the prompt as retrieved sources), all in the selection.
  const half = secrets.slice(0, 50);
  const root = await workspace({
    'src/settings.ts': ['// service settings for the payment gateway', ...half.slice(0, 25).map((s) => s.line)].join('\n') + '\n',
    'config/gateway.yaml': ['# payment gateway settings', ...half.slice(25).map((s) => s.line)].join('\n') + '\n',
  });
  const db = await tempDir('acb-rel-db-');
  assert.equal((await runCli(['index', root, '--db', db])).code, 0);
  const server = await ScriptedChatServer.start();
  server.reply({ events: completionEvents(['The settings are in [1].'], 'hostile') });
  const store = await IndexStore.openExisting(db);
  try {
    const provider = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'hostile', local: false });
    const selectionText = secrets.map((s) => s.line).join('\n');
    const { answer } = await askIndex({
      store, provider, question: 'where are the payment gateway settings', k: 8,
      policy: { allowRemote: true, workspaceTrusted: true },
      readFile: fileReaderFor([{ path: root }]),
      selection: { path: 'src/pasted.ts', startLine: 1, endLine: selectionText.split('\n').length, language: 'typescript', text: selectionText },
      contextWindow: 200_000,
    });
    assert.ok(answer.text.length > 0);
    assert.equal(server.chatBodies().length, 1);
    const body = server.chatBodies()[0].messages.map((m) => m.content).join('\n');
    assert.ok(body.includes('payment gateway'), 'the sources were sent');
    const leaked = secrets.filter((s) => body.includes(s.value));
    assert.deepEqual(leaked.map((s) => `${s.kind}: ${s.line}`), [], '0 secrets reach the request body');
  } finally {
    await store.close();
    await server.close();
  }
});
