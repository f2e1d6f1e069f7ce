import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, extensionId } from './extensionApi.js';

describe('activation', () => {
  it('activates, exposes its API and shows the index state in the status bar', async () => {
    const api = await activatedApi();
    const ext = vscode.extensions.getExtension(extensionId);
    assert.equal(ext?.isActive, true);
    assert.equal(ext?.exports, api);
    // Idle, indexing (maybe paused) or ready; never an error on the test workspace.
    assert.match(api.statusBarText(), /^\$\((database|sync~spin|debug-pause)\) (Ask Codebase|Indexing|Paused|[\d,]+ files, [\d,]+ chunks)/);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['askCodebase.ask', 'askCodebase.reindex', 'askCodebase.showStatus']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
