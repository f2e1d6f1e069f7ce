// Agents in VS Code: the four tools through vscode.lm.invokeTool, and the `@codebase` chat handler
// answering through the scripted test model with checked citations as anchors and references.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from './extensionApi.js';
import { screenshot } from './screenshots.js';

interface ScriptedModel {
  reply(pieces: string[]): void;
  reset(): void;
  requests: Array<{ model: string; text: string }>;
}

const invoke = async (name: string, input: object) => {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
};

describe('agents: language-model tools and the @codebase participant', () => {
  before(async () => {
    const api = await activatedApi();
    await api.index.reindex();
    await api.index.settled();
  });

  it('registers the four tools, #askCodebase among them', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('askCodebase_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), ['askCodebase_find_symbol', 'askCodebase_index_status', 'askCodebase_read_range', 'askCodebase_search_code']);
    const search = ours.find((t) => t.name === 'askCodebase_search_code')!;
    assert.deepEqual((search.inputSchema as { required: string[] }).required, ['query']);
  });

  it('answers each tool through vscode.lm.invokeTool', async () => {
    const search = await invoke('askCodebase_search_code', { query: 'token bucket refill per second', budget_tokens: 1000 });
    assert.match(search, /\[1\] src\/rateLimiter\.ts:\d+-\d+ RateLimiter/);
    assert.match(search, /tryAcquire/);
    const symbol = await invoke('askCodebase_find_symbol', { name: 'RateLimiter' });
    assert.match(symbol, /src\/rateLimiter\.ts:\d+-\d+ class RateLimiter\n {2}2: export class RateLimiter \{/);
    const read = await invoke('askCodebase_read_range', { path: 'src/rateLimiter.ts', start: 1, end: 2 });
    assert.match(read, /src\/rateLimiter\.ts:1-2 of \d+ lines; unchanged since indexing\n1: \/\/ Token bucket/);
    const status = await invoke('askCodebase_index_status', {});
    assert.match(status, /files: \d+ indexed/);
    await assert.rejects(invoke('askCodebase_read_range', { path: '../outside.ts', start: 1, end: 1 }), /goes up with "\.\."/);
    await assert.rejects(invoke('askCodebase_search_code', { query: 'x', k: 0 }), /k/);
  });

  it('@codebase answers with the picked model, checked citations as anchors and references, and symbols for follow-ups', async () => {
    const api = await activatedApi();
    const ext = vscode.extensions.getExtension<ScriptedModel>('acb-test.acb-test-lm-provider')!;
    const model = ext.isActive ? ext.exports : await ext.activate();
    const [chatModel] = await vscode.lm.selectChatModels({ vendor: 'acb-test' });
    const config = vscode.workspace.getConfiguration('askCodebase');
    await config.update('answer.allowRemote', true, vscode.ConfigurationTarget.Global);
    try {
      model.reply(['The limiter refills its bucket for the elapsed time, capped at capacity [1]. ', 'A global quota lives elsewhere [7].']);
      const markdown: string[] = [];
      const anchors: string[] = [];
      const references: string[] = [];
      const stream = {
        markdown: (v: string | vscode.MarkdownString) => void markdown.push(typeof v === 'string' ? v : v.value),
        anchor: (v: vscode.Location, title?: string) => void anchors.push(`${vscode.workspace.asRelativePath(v.uri)}:${v.range.start.line + 1} ${title}`),
        reference: (v: vscode.Location) => void references.push(vscode.workspace.asRelativePath(v.uri)),
        progress: () => undefined,
        button: () => undefined,
        filetree: () => undefined,
        push: () => undefined,
      } as unknown as vscode.ChatResponseStream;
      const request = { prompt: 'How does the rate limiter refill its tokens?', command: undefined, references: [], toolReferences: [], model: chatModel } as unknown as vscode.ChatRequest;
      const result = (await api.codebaseChat(request, { history: [] }, stream, new vscode.CancellationTokenSource().token)) as vscode.ChatResult;
      assert.equal(result.errorDetails, undefined, JSON.stringify(result.errorDetails));
      assert.match(model.requests.at(-1)!.text, /tryAcquire/, 'the retrieved source reached the picked model');
      const text = markdown.join('');
      assert.match(text, /refills its bucket .*\[1\]/);
      assert.match(text, /\*\*Citations\*\*\n- ✓ /);
      assert.match(text, /✗ not a retrieved source/);
      assert.ok(anchors.some((a) => /^src\/rateLimiter\.ts:\d+ src\/rateLimiter\.ts:\d+-\d+$/.test(a)), anchors.join('; '));
      assert.ok(references.includes('src/rateLimiter.ts'), references.join('; '));
      const meta = result.metadata as { citations: { marker: string; status: string }[]; symbols: string[] };
      assert.deepEqual(meta.citations.map((c) => `${c.marker} ${c.status}`), ['[1] valid', '[7] invalid']);
      assert.ok(meta.symbols.length > 0, 'follow-ups have symbols to ask about');
    } finally {
      model.reset();
      await config.update('answer.allowRemote', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('@codebase answers a question typed into VS Code\'s Chat view', async () => {
    const api = await activatedApi();
    const ext = vscode.extensions.getExtension<ScriptedModel>('acb-test.acb-test-lm-provider')!;
    const model = ext.isActive ? ext.exports : await ext.activate();
    const config = vscode.workspace.getConfiguration('askCodebase');
    await config.update('answer.allowRemote', true, vscode.ConfigurationTarget.Global);
    try {
      model.reply(['Each call refills the bucket for the elapsed time [1].']);
      const before = api.codebaseChatAnswers.length;
      await vscode.commands.executeCommand('workbench.action.chat.open', {
        query: '@codebase How does the rate limiter refill its tokens?', isPartialQuery: false, modelSelector: { vendor: 'acb-test', id: 'scripted-1' },
      });
      for (const deadline = Date.now() + 15_000; api.codebaseChatAnswers.length === before && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
      await screenshot('chat-view-codebase');
      const answered = api.codebaseChatAnswers.at(-1);
      assert.ok(answered && api.codebaseChatAnswers.length > before, 'the Chat view sent the request to @codebase');
      assert.equal(answered.prompt.trim(), 'How does the rate limiter refill its tokens?');
      assert.equal(answered.model, 'scripted-1', 'request.model is the model picked in the Chat view');
      assert.match(model.requests.at(-1)!.text, /tryAcquire/, 'the retrieved source reached that model');
      const meta = answered.result.metadata as { provider: string; citations: { marker: string; status: string }[] };
      assert.equal(answered.result.errorDetails, undefined, JSON.stringify(answered.result.errorDetails));
      assert.deepEqual(meta.citations.map((c) => `${c.marker} ${c.status}`), ['[1] valid']);
    } finally {
      model.reset();
      await config.update('answer.allowRemote', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
