// The chat panel as a daily user meets it: scrolling to a new question, marks in the editor that
// do not look like a selection, index states (not indexed, a question while indexing), the
// header naming the answerer, input validation and a read-only Index Status.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi } from './extensionApi.js';
import type { AskCodebaseApi } from '../../../src/extension/extension.js';
import { editorDecorations } from './screenshots.js';
import { until } from './until.js';

const config = () => vscode.workspace.getConfiguration('askCodebase');
const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

async function useSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  for (const [k, v] of Object.entries(values)) await config().update(k, v, vscode.ConfigurationTarget.Global);
  return async () => {
    for (const k of Object.keys(values)) await config().update(k, undefined, vscode.ConfigurationTarget.Global);
  };
}

/** The extension with its index settled and an empty conversation. */
async function freshChat(): Promise<AskCodebaseApi> {
  const api = await activatedApi();
  await api.index.settled();
  await vscode.commands.executeCommand('askCodebase.newChat');
  return api;
}

describe('chat panel states', () => {
  it('scrolls a newly sent question into view after the user scrolled up to read', async () => {
    const api = await freshChat();
    // Enough answers that the log scrolls: scrolled to the top, the last question is out of view.
    let scrolledAway = false;
    for (let i = 0; i < 6 && !scrolledAway; i++) {
      await api.ask(`Where is the rate limiter configured? (${i})`);
      const top = await api.inspectChatView('scrollToTop');
      assert.equal(top.scrollTop, 0);
      scrolledAway = !top.lastQuestionVisible;
    }
    assert.ok(scrolledAway, 'the conversation is longer than the panel');
    const turn = await api.ask('How are the usage reports built?');
    assert.equal(turn.error, undefined);
    const after = await api.inspectChatView();
    assert.ok(after.scrollTop > 0, 'the log scrolled down');
    assert.equal(after.lastQuestionVisible, true, 'the new question is in view');
  });

  it('marks cited lines in the gutter without a background, and Clear Index (confirmed) removes the marks', async () => {
    const api = await freshChat();
    const turn = await api.ask('Where is the configuration file parsed?');
    assert.equal(turn.provider, 'extractive');
    const cited = turn.sources.find((s) => s.path === 'src/configLoader.ts');
    assert.ok(cited, turn.sources.map((s) => s.path).join(', '));
    assert.ok(cited.matchedLines && cited.matchedLines.length > 0, 'the source knows its matched lines');
    assert.match(cited.why, /^matched `[a-z]+`.* in the code; ranked \d+(st|nd|rd|th) by /);

    const doc = await vscode.workspace.openTextDocument(path.join(workspace(), 'src', 'configLoader.ts'));
    await vscode.window.showTextDocument(doc, { preview: false });
    const marked = await until('gutter marks on the cited lines', async () => {
      const d = await editorDecorations();
      return d.gutterIcons > 0 ? d : undefined;
    });
    assert.equal(marked.backgrounds, 0, 'no background decoration on the cited range');
    const ranges = api.cited.rangesOf(doc.uri);
    assert.ok(ranges.length > 0 && ranges.every((r) => r.lines.every((l) => l >= r.startLine && l <= r.endLine)));

    await vscode.commands.executeCommand('askCodebase.clearIndex', { confirmed: true });
    try {
      assert.deepEqual(api.cited.rangesOf(doc.uri), []);
      const cleared = await until('the gutter marks to go', async () => {
        const d = await editorDecorations();
        return d.gutterIcons === 0 ? d : undefined;
      });
      assert.equal(cleared.backgrounds, 0);
      assert.equal(api.statusBarText(), '$(circle-slash) Not indexed — Re-index');
      await vscode.commands.executeCommand('askCodebase.newChat');
      const panel = await until('the panel to say it is not indexed', async () => {
        const p = await api.inspectChatView();
        return p.statusText === 'Not indexed — Re-index' ? p : undefined;
      });
      assert.match(panel.emptyText, /Not indexed\. Questions need an index of this workspace\. Re-index/);
    } finally {
      await api.index.reindex();
      await api.index.settled();
    }
  });

  it('holds a question asked while indexing with one notice, and answers it when indexing finishes', async () => {
    const api = await freshChat();
    await vscode.commands.executeCommand('askCodebase.clearIndex', { confirmed: true });
    api.index.pause();
    const run = api.index.reindex();
    try {
      await until('indexing to start', () => (api.index.state.state === 'indexing' ? true : undefined));
      const asked = api.ask('Where is the configuration file parsed?');
      const waiting = await until('the notice', async () => {
        const p = await api.inspectChatView();
        return p.notices.length > 0 ? p : undefined;
      });
      assert.equal(waiting.notices.length, 1, waiting.notices.join(' | '));
      assert.match(waiting.notices[0], /answered as soon as it finishes.*paused/);
      assert.equal(waiting.stopVisible, true, 'the question is still pending');
      api.index.resume();
      const turn = await asked;
      assert.equal(turn.error, undefined);
      assert.ok(turn.sources.some((s) => s.path === 'src/configLoader.ts'));
      assert.deepEqual(turn.warnings.filter((w) => /index/i.test(w)), [], 'no warnings about indexing');
      const answered = await api.inspectChatView();
      assert.deepEqual(answered.notices, []);
      assert.match(answered.answerHtml, /No language model was used/);
    } finally {
      api.index.resume();
      await run;
      await api.index.settled();
    }
  });

  it('answers at once from a complete index while a later run (catching up, adding vectors) is held', async () => {
    const api = await freshChat();
    api.index.pause();
    const run = api.index.reindex();
    try {
      await until('indexing to start', () => (api.index.state.state === 'indexing' ? true : undefined));
      assert.equal(api.index.awaitingFirstIndex, false, 'this window has seen the index complete');
      // The run is paused: the answer can only come from the complete index already on disk.
      const turn = await api.ask('Where is the configuration file parsed?');
      assert.equal(turn.error, undefined);
      assert.ok(turn.sources.some((s) => s.path === 'src/configLoader.ts'));
      assert.equal(api.index.state.state, 'indexing', 'answered while the run was still held');
      assert.deepEqual((await api.inspectChatView()).notices, []);
    } finally {
      api.index.resume();
      await run;
      await api.index.settled();
    }
  });

  it('says in the header which answerer is used, per provider setting', async () => {
    const api = await activatedApi();
    const header = (re: RegExp) => until(`the header to match ${re}`, async () => {
      const p = await api.inspectChatView();
      return re.test(p.answersText) ? p.answersText : undefined;
    });
    assert.equal(await header(/^Answers: extractive/), 'Answers: extractive (no model)');
    const models = await vscode.lm.selectChatModels({ vendor: 'acb-test' });
    let restore = await useSettings({ 'answer.provider': 'vscode', 'answer.vscodeModel': models[0].id, 'answer.allowRemote': true });
    try {
      assert.equal(await header(/^Answers: \S+ \(VS Code model\)$/), `Answers: ${models[0].id} (VS Code model)`);
    } finally {
      await restore();
    }
    restore = await useSettings({ 'answer.provider': 'vscode' });
    try {
      assert.match(await header(/^Answers: none/), /^Answers: none — .*(not allowed|turned off)/);
    } finally {
      await restore();
    }
    await header(/^Answers: extractive \(no model\)$/);
  });

  it('shows validation next to the input, cleared on typing, and examples from the indexed code', async () => {
    const api = await freshChat();
    const empty = await api.inspectChatView('submitEmpty');
    assert.equal(empty.inputError, 'The question is empty. Type what you want to find in the code.');
    assert.equal(empty.turns, 0, 'nothing was asked');
    assert.equal((await api.inspectChatView('typeInQuestion')).inputError, '');

    const panel = await until('examples drawn from the index', async () => {
      const p = await api.inspectChatView();
      return /How does `/.test(p.emptyText) ? p : undefined;
    });
    const symbol = /How does `([^`]+)` work\?/.exec(panel.emptyText)![1];
    const sources = await Promise.all(['src/rateLimiter.ts', 'src/configLoader.ts', 'tools/report_builder.py'].map((p) => fs.readFile(path.join(workspace(), p), 'utf8')));
    assert.ok(sources.some((text) => text.includes(symbol)), `${symbol} is a symbol of the workspace`);
  });

  it('shows Index Status as a read-only rendered page that never asks to be saved, naming skipped files and their rule', async () => {
    const api = await activatedApi();
    const ignoreFile = path.join(workspace(), '.askcodebaseignore');
    const draft = path.join(workspace(), 'src', 'draftNotes.ts');
    await fs.writeFile(ignoreFile, 'src/draftNotes.ts\n');
    await fs.writeFile(draft, 'export const draft = 1;\n');
    try {
      await api.index.reindex();
      await api.index.settled();
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('askCodebase.showStatus');
      assert.equal(doc.uri.scheme, 'ask-codebase');
      assert.equal(doc.isUntitled, false);
      assert.equal(doc.isDirty, false);
      assert.match(doc.getText(), /^# Ask Codebase — index status/);
      assert.match(doc.getText(), /### matched an ignore rule \(\d+\)\n\n(- .*\n)*- `src\/draftNotes\.ts` — `\.askcodebaseignore: src\/draftNotes\.ts`$/m, doc.getText());
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.isDirty), 'no unsaved document was opened');
      const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      // The rendered page: the markdown preview's tab (or, without that extension, the read-only source).
      const tab = await until(`an Index Status tab among ${tabs().map((t) => t.label).join(', ')}`, () => tabs().find((t) => /Index Status/.test(t.label)), 10_000);
      assert.ok(!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme === 'ask-codebase', 'not an editable file');
    } finally {
      await fs.rm(ignoreFile, { force: true });
      await fs.rm(draft, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await api.index.reindex();
      await api.index.settled();
    }
  });
});
