import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, extensionId } from './extensionApi.js';

describe('activation', () => {
  it('activates and exposes its API', async () => {
    const api = await activatedApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(typeof api.pingChatView, 'function');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['askCodebase.ask', 'askCodebase.reindex', 'askCodebase.showStatus']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
