// Question → streamed answer through vscode.lm (a test extension's scripted model) → citation
// chips in the panel → hover preview → click opens the file → editor hover on the cited range.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi } from './extensionApi.js';
import { screenshot, tidyWorkbench } from './screenshots.js';

interface ScriptedModel {
  reply(pieces: string[]): void;
  requests: Array<{ model: string; text: string }>;
}

const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const config = () => vscode.workspace.getConfiguration('askCodebase');

async function scriptedModel(): Promise<ScriptedModel> {
  const ext = vscode.extensions.getExtension<ScriptedModel>('acb-test.acb-test-lm-provider');
  assert.ok(ext, 'the test language model extension is loaded');
  return ext.isActive ? ext.exports : ext.activate();
}

async function useSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  for (const [k, v] of Object.entries(values)) await config().update(k, v, vscode.ConfigurationTarget.Global);
  return async () => {
    for (const k of Object.keys(values)) await config().update(k, undefined, vscode.ConfigurationTarget.Global);
  };
}

describe('answering in the chat panel', () => {
  it('answers through a VS Code language model, with checked citation chips, hover preview, open, editor hover and feedback log', async () => {
    const api = await activatedApi();
    const model = await scriptedModel();
    const models = await vscode.lm.selectChatModels({ vendor: 'acb-test' });
    assert.equal(models.length, 1, 'the scripted model is offered by vscode.lm');
    await api.index.reindex();
    await api.index.settled();
    const restore = await useSettings({ 'answer.provider': 'vscode', 'answer.vscodeModel': models[0].id, 'answer.allowRemote': true });
    try {
      await tidyWorkbench();
      model.reply([
        '`RateLimiter` is a token bucket [1]. Each call to `tryAcquire` first refills the bucket for the elapsed time, ',
        'capped at `capacity`:\n\n```ts\nthis.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.refillPerSecond);\n```\n\n',
        'It then takes one token if at least one is left [1]. A retry budget is set elsewhere [9].',
      ]);
      const turn = await api.ask('How does the rate limiter refill its tokens?');
      assert.equal(turn.error, undefined);
      assert.equal(turn.provider, 'vscode');
      assert.match(model.requests.at(-1)!.text, /tryAcquire/, 'the retrieved source reached the model');
      assert.deepEqual([...new Set(turn.citations.map((c) => `${c.marker} ${c.status}`))], ['[1] valid', '[9] invalid']);
      const cited = turn.sources.find((s) => s.index === 1)!;
      assert.equal(cited.path, 'src/rateLimiter.ts');

      const panel = await api.inspectChatView();
      assert.deepEqual(panel.chips.map((c) => c.status), ['valid', 'valid', 'invalid']);
      assert.equal(panel.chips[0].label, `✓ src/rateLimiter.ts:${cited.startLine}-${cited.endLine}`);
      assert.match(panel.chips[0].ariaLabel, /valid\. Press Enter to open/);
      assert.match(panel.answerHtml, /<code>tryAcquire<\/code>/, 'markdown is rendered');
      assert.match(panel.answerHtml, /<pre><code class="language-ts"><span class="hljs-variable language_">this<\/span>/, 'code is highlighted');
      await screenshot('chat-answer');

      const hovered = await api.inspectChatView('hoverFirstChip');
      assert.ok(hovered.hover, 'hovering the chip shows the source');
      assert.equal(hovered.hover.header.startsWith(`src/rateLimiter.ts:${cited.startLine}-${cited.endLine}`), true, hovered.hover.header);
      assert.equal(hovered.hover.lines[0], cited.startLine);
      // Only the lines holding the question's words are highlighted, not the whole source.
      assert.deepEqual(hovered.hover.highlighted, cited.matchedLines);
      assert.ok(hovered.hover.highlighted.length > 0 && hovered.hover.highlighted.length < hovered.hover.lines.length, JSON.stringify(hovered.hover));
      assert.match(hovered.hover.why, /^Why: matched `\w+`.* in the code; ranked \d+(st|nd|rd|th) by /);
      await screenshot('chat-hover');
      await api.inspectChatView('clearHover');

      await api.inspectChatView('clickFirstChip');
      const editor = await until(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join('src', 'rateLimiter.ts')) ? vscode.window.activeTextEditor : undefined);
      assert.equal(editor.selection.start.line, cited.startLine - 1);

      const ranges = api.cited.rangesOf(editor.document.uri);
      assert.ok(ranges.some((r) => r.startLine === cited.startLine), 'the cited range is marked');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(cited.startLine - 1, 2));
      const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(hoverText, /Ask Codebase\*\* cited lines/);
      assert.match(hoverText, /\*Why:\* matched `\w+`/, 'the reason renders as markdown, not escaped backticks');
      assert.match(hoverText, /How does the rate limiter refill/);

      await api.inspectChatView('thumbsUpAnswer');
      const logLines = (await until(async () => (await fs.readFile(api.relevanceLogFile, 'utf8').catch(() => '')).trim() || undefined)).split('\n');
      const record = JSON.parse(logLines.at(-1)!);
      assert.equal(record.answerUseful, true);
      assert.equal(record.question, 'How does the rate limiter refill its tokens?');
      assert.ok(record.shown.some((s: { path: string; cited: boolean }) => s.path === 'src/rateLimiter.ts' && s.cited));
    } finally {
      await restore();
    }
  });

  it('stops a streaming answer from the panel, keeping what arrived', async () => {
    const api = await activatedApi();
    const model = await scriptedModel();
    const models = await vscode.lm.selectChatModels({ vendor: 'acb-test' });
    const restore = await useSettings({ 'answer.provider': 'vscode', 'answer.vscodeModel': models[0].id, 'answer.allowRemote': true });
    try {
      model.reply(Array.from({ length: 400 }, (_, i) => `word${i} `));
      const asked = api.ask('Explain the rate limiter slowly');
      await until(async () => ((await api.inspectChatView()).stopVisible && (await api.inspectChatView()).answerHtml.includes('word') ? true : undefined));
      const stopped = await api.inspectChatView('clickStop');
      assert.equal(stopped.turns > 0, true);
      const turn = await asked;
      assert.equal(turn.error, 'Stopped.');
      assert.match(turn.text, /^word0 /, 'the text that arrived is kept');
      assert.doesNotMatch(turn.text, /word399/);
      assert.equal((await api.inspectChatView()).stopVisible, false);
    } finally {
      await restore();
    }
  });

  it('renders hostile markdown in an answer inert', async () => {
    const api = await activatedApi();
    const model = await scriptedModel();
    const models = await vscode.lm.selectChatModels({ vendor: 'acb-test' });
    const restore = await useSettings({ 'answer.provider': 'vscode', 'answer.vscodeModel': models[0].id, 'answer.allowRemote': true });
    try {
      model.reply([
        'Raw <img src=x onerror="alert(1)"> and <script>alert(2)</script> and <a href="javascript:alert(3)">raw link</a>.\n\n',
        '[a markdown link](javascript:alert(4)) and ![an image](javascript:alert(5)) and <javascript:alert(6)>.\n\n',
        '[a safe link](https://example.com/) stays a link.',
      ]);
      const turn = await api.ask('Show me something hostile');
      assert.equal(turn.error, undefined);
      const html = (await api.inspectChatView()).answerHtml;
      // The answer arrived and was rendered: the raw HTML shows as text, the safe link as a link.
      assert.match(html, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
      assert.match(html, /&lt;img src=x onerror=/);
      assert.match(html, /<a href="https:\/\/example\.com\/" rel="noreferrer">a safe link<\/a>/);
      // Nothing in it can run: no script or image element, no event handler, no javascript: link.
      assert.doesNotMatch(html, /<(script|img|iframe|object|embed)\b/i);
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i);
      assert.doesNotMatch(html, /<a\b[^>]*href="\s*javascript:/i);
      assert.equal((html.match(/<a\b/g) ?? []).length, 1, html);
    } finally {
      await restore();
    }
  });

  it('answers without a model (extractive) by default, and never calls a remote model unless allowed', async () => {
    const api = await activatedApi();
    const model = await scriptedModel();
    const before = model.requests.length;
    // Default settings: auto, remote not allowed → the VS Code model (treated as remote) is skipped.
    const turn = await api.ask('Where is the configuration file parsed?');
    assert.equal(turn.error, undefined);
    assert.equal(turn.provider, 'extractive');
    assert.equal(model.requests.length, before, 'no request reached the language model');
    assert.ok(turn.citations.length > 0 && turn.citations.every((c) => c.status === 'valid'));
    assert.ok(turn.sources.some((s) => s.path === 'src/configLoader.ts'), turn.sources.map((s) => s.path).join(', '));
    assert.match(turn.text, /No language model was used/);

    const restore = await useSettings({ 'answer.provider': 'vscode' });
    try {
      const refused = await api.ask('Where is the configuration file parsed?');
      assert.match(refused.error ?? '', /not allowed|turned off/);
      assert.equal(model.requests.length, before);
    } finally {
      await restore();
    }
  });

  it('ignores a workspace setting that tries to redirect code to another server', async () => {
    const api = await activatedApi();
    const settingsFile = path.join(workspace(), '.vscode', 'settings.json');
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    await fs.writeFile(settingsFile, JSON.stringify({
      'askCodebase.answer.openaiBaseUrl': 'http://attacker.invalid/v1', 'askCodebase.answer.provider': 'openai', 'askCodebase.answer.allowRemote': true,
      // A resource-scoped setting in the same file proves VS Code has read it.
      'askCodebase.hover.relatedChunks': true,
    }));
    try {
      await until(() => (config().get<boolean>('hover.relatedChunks') === true ? true : undefined));
      const settings = api.answerSettings();
      assert.equal(settings.openaiBaseUrl, 'http://127.0.0.1:11434/v1');
      assert.equal(settings.provider, 'auto');
      assert.equal(settings.allowRemote, false);
    } finally {
      await fs.rm(path.dirname(settingsFile), { recursive: true, force: true });
    }
  });

  it('shows an empty state, then clears the conversation with New Chat', async () => {
    const api = await activatedApi();
    const before = await api.inspectChatView();
    assert.ok(before.turns > 0);
    await vscode.commands.executeCommand('askCodebase.newChat');
    const after = await api.inspectChatView();
    assert.equal(after.turns, 0);
    assert.equal(after.emptyStateVisible, true);
  });
});

async function until<T>(f: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
