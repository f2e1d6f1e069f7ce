import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from './extensionApi.js';

describe('workspace index', () => {
  it('indexes the open workspace through the re-index command and searches it', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('askCodebase.reindex');
    const state = api.index.state;
    assert.equal(state.state, 'ready', JSON.stringify(state));
    const result = await api.index.search('usage report busiest client');
    assert.equal(result.chunks[0]?.path, 'tools/report_builder.py');
  });
});
