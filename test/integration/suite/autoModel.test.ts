// `askCodebase.embeddingModel: auto` in a real workbench, with its hub pointed at a loopback server
// (ASK_CODEBASE_AUTO_MODEL_HUB, read when a build starts) that serves the static test model as a
// model repository: the keyword index first, then a corrupted download leaves it keyword-only with
// the reason in the status bar's tooltip, and "Retry Embedding Model Download" fetches the model
// in the build process and rebuilds the index with vectors.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IndexState } from '../../../src/extension/workspaceIndex.js';
import { startModelHub, type DownloadFault } from '../../unit/helpers/modelHub.js';
import { activatedApi } from './extensionApi.js';
import { until } from './until.js';

type Ready = Extract<IndexState, { state: 'ready' }>;

describe('embedding model auto', () => {
  it('builds keyword-only first, says why a broken download left it so, and the retry adds vectors', async () => {
    const api = await activatedApi();
    const modelRoot = process.env.ASK_CODEBASE_TEST_MODEL_DIR;
    assert.ok(modelRoot, 'ASK_CODEBASE_TEST_MODEL_DIR is set by the runner');
    let fault: DownloadFault = 'corrupt';
    const served: string[] = [];
    const hub = await startModelHub({ modelRoot, fault: () => fault, onServe: (f) => served.push(f) });
    const savedHub = process.env.ASK_CODEBASE_AUTO_MODEL_HUB;
    process.env.ASK_CODEBASE_AUTO_MODEL_HUB = hub.url;
    const config = vscode.workspace.getConfiguration('askCodebase');
    const pinned = config.inspect<string>('embeddingModel')?.globalValue;
    assert.equal(pinned, 'none', 'the suite pins the model, so no other test downloads');
    const states: string[] = [];
    const sub = api.index.onDidChangeState((s) => states.push(s.state === 'ready' ? `ready:${s.embedded ? 'vectors' : 'keyword'}` : s.state));
    try {
      await api.index.settled();
      await config.update('embeddingModel', 'auto', vscode.ConfigurationTarget.Global);
      const failed = await until('keyword-only with a reason', () => {
        const s = api.index.state;
        return s.state === 'ready' && s.keywordOnly ? s : undefined;
      }, 120_000);
      await api.index.settled();
      assert.equal(failed.embedded, false);
      assert.match(failed.keywordOnly ?? '', /could not be downloaded/);
      assert.match(failed.keywordOnly ?? '', /Retry Embedding Model Download/);
      assert.ok(served.some((f) => f.endsWith('.onnx')), `the model was asked for: ${served.join(', ')}`);
      assert.match(api.statusBarTooltip() ?? '', /keyword-only search: the embedding model could not be downloaded/);
      assert.ok(!states.includes('error'), `never a failed index: ${states.join(' → ')}`);
      // Searches answered all along from the keyword index.
      const answer = await api.ask('How does the rate limiter refill its tokens?');
      assert.ok(answer.sources.some((s) => s.path === 'src/rateLimiter.ts'), JSON.stringify(answer.sources.map((s) => s.path)));

      fault = 'none';
      await vscode.commands.executeCommand('askCodebase.retryEmbeddingModel');
      await api.index.settled();
      const ready = api.index.state as Ready;
      assert.equal(ready.state, 'ready', JSON.stringify(ready));
      assert.equal(ready.embedded, true, `vectors after the retry: ${states.join(' → ')}`);
      assert.equal(ready.keywordOnly, undefined);
      assert.doesNotMatch(api.statusBarTooltip() ?? '', /keyword-only/);
    } finally {
      sub.dispose();
      await config.update('embeddingModel', pinned, vscode.ConfigurationTarget.Global);
      await api.index.settled();
      if (savedHub === undefined) delete process.env.ASK_CODEBASE_AUTO_MODEL_HUB;
      else process.env.ASK_CODEBASE_AUTO_MODEL_HUB = savedHub;
      hub.close();
    }
  });
});
