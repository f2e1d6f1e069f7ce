import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ExtractiveProvider } from '../../../src/core/answer/extractiveProvider.js';
import { OpenAICompatibleProvider } from '../../../src/core/answer/openAICompatibleProvider.js';
import { selectProvider } from '../../../src/core/answer/selectProvider.js';
import type { AnswerProvider, ChatMessage } from '../../../src/core/answer/types.js';
import { ScriptedChatServer } from './scriptedChatServer.js';

/** Stands in for the extension's VS Code language-model provider, which lives outside src/core. */
class EditorModelProvider implements AnswerProvider {
  readonly id = 'vscode';
  readonly label = 'Editor model';
  constructor(
    readonly isLocal: boolean,
    private readonly present: boolean,
  ) {}
  async available() {
    return this.present;
  }
  async *stream(_m: ChatMessage[]) {
    yield 'editor answer';
  }
}

const TRUSTED = { allowRemote: true, workspaceTrusted: true };

describe('selectProvider', () => {
  let server: ScriptedChatServer;
  let localServer: OpenAICompatibleProvider;
  let remoteServer: OpenAICompatibleProvider;
  const deadServer = new OpenAICompatibleProvider({ baseURL: 'http://127.0.0.1:9/v1', model: 'm' });
  const extractive = new ExtractiveProvider();

  before(async () => {
    server = await ScriptedChatServer.start();
    localServer = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'test-model' });
    remoteServer = new OpenAICompatibleProvider({ baseURL: server.baseURL, model: 'test-model', local: false });
  });
  after(() => server.close());

  it('auto takes vscode, then openai, then extractive, skipping unavailable ones', async () => {
    const vscode = new EditorModelProvider(false, true);
    assert.equal(await selectProvider('auto', [extractive, localServer, vscode], TRUSTED), vscode);
    assert.equal(await selectProvider('auto', [extractive, localServer, new EditorModelProvider(false, false)], TRUSTED), localServer);
    assert.equal(await selectProvider('auto', [deadServer, extractive], TRUSTED), extractive);
  });

  it('auto skips non-local providers when the policy forbids them', async () => {
    const vscode = new EditorModelProvider(false, true);
    assert.equal(await selectProvider('auto', [vscode, remoteServer, extractive], { allowRemote: false, workspaceTrusted: true }), extractive);
    assert.equal(await selectProvider('auto', [vscode, localServer, extractive], { allowRemote: true, workspaceTrusted: false }), localServer);
    assert.equal(await selectProvider('auto', [vscode, remoteServer, extractive]), extractive, 'default policy is local only');
  });

  it('an explicit choice is refused with a clear error when policy forbids it or it is down', async () => {
    await assert.rejects(selectProvider('openai', [remoteServer, extractive], { allowRemote: true, workspaceTrusted: false }), (e: Error & { code: string }) => {
      assert.equal(e.code, 'remote-refused');
      assert.match(e.message, /not trusted/);
      return true;
    });
    await assert.rejects(selectProvider('openai', [deadServer]), { code: 'provider-unavailable' });
    await assert.rejects(selectProvider('vscode', [extractive]), { code: 'provider-missing' });
    assert.equal(await selectProvider('extractive', [localServer, extractive]), extractive);
    assert.equal(await selectProvider('openai', [remoteServer], TRUSTED), remoteServer);
  });
});
