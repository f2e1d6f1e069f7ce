// Runs in a workbench with workspace trust on and the folder not trusted: indexing and search stay
// local, and no remote language model is called even when the user allowed remote models.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from '../suite/extensionApi.js';

interface ScriptedModel {
  reply(pieces: string[]): void;
  requests: unknown[];
}

describe('untrusted workspace', () => {
  it('indexes and answers locally, and never calls a remote model', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is not trusted in this session');
    const api = await activatedApi();
    const ext = vscode.extensions.getExtension<ScriptedModel>('acb-test.acb-test-lm-provider');
    assert.ok(ext);
    const model = ext.isActive ? ext.exports : await ext.activate();
    const config = vscode.workspace.getConfiguration('askCodebase');
    await config.update('answer.allowRemote', true, vscode.ConfigurationTarget.Global);
    try {
      await api.index.reindex();
      await api.index.settled();
      assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
      // The default embedding model is `auto`, which never downloads here: keyword-only, said why.
      assert.equal(config.inspect('embeddingModel')?.globalValue, undefined, 'the setting is left at its default');
      const ready = api.index.state as Extract<typeof api.index.state, { state: 'ready' }>;
      assert.equal(ready.embedded, false);
      assert.match(ready.keywordOnly ?? '', /untrusted workspace/);
      assert.match(api.statusBarTooltip() ?? '', /keyword-only search: untrusted workspace/);

      model.reply(['This must never be sent.']);
      const auto = await api.ask('How does the rate limiter refill its tokens?');
      assert.equal(auto.provider, 'extractive', 'auto skips the remote model');
      assert.ok(auto.sources.some((s) => s.path === 'src/rateLimiter.ts'));

      await config.update('answer.provider', 'vscode', vscode.ConfigurationTarget.Global);
      const refused = await api.ask('How does the rate limiter refill its tokens?');
      assert.match(refused.error ?? '', /not trusted/);
      assert.equal(model.requests.length, 0, 'no request reached the language model');
    } finally {
      await config.update('answer.allowRemote', undefined, vscode.ConfigurationTarget.Global);
      await config.update('answer.provider', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
