import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import type { IndexState } from '../../../src/extension/workspaceIndex.js';
import { activatedApi } from './extensionApi.js';
import { until } from './until.js';

const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

async function search(question: string) {
  const api = await activatedApi();
  const store = await api.index.openStore();
  try {
    return await searchIndex(store, question);
  } finally {
    await store.close();
  }
}

describe('workspace index', () => {
  it('indexes the open workspace through the re-index command and searches it', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('askCodebase.reindex');
    await api.index.settled();
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
    const result = await search('usage report busiest client');
    assert.equal(result.chunks[0]?.path, 'tools/report_builder.py');
  });

  it('pauses and resumes indexing, the status bar showing each state, and clears the index', async () => {
    const api = await activatedApi();
    await api.index.settled();
    const stateNow = (): string => api.index.state.state;
    const seen: string[] = [];
    const sub = api.index.onDidChangeState((s: IndexState) => seen.push(`${s.state}${s.state === 'indexing' && s.paused ? ':paused' : ''} | ${api.statusBarText()}`));
    try {
      await vscode.commands.executeCommand('askCodebase.clearIndex', { confirmed: true });
      assert.equal(stateNow(), 'idle');
      await assert.rejects(fs.access(api.index.dbDir), 'the index folder is gone');
      const run = api.index.reindex();
      await vscode.commands.executeCommand('askCodebase.pauseIndexing');
      assert.match(api.statusBarText(), /Paused/);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(stateNow(), 'indexing', 'a paused run does not finish');
      await vscode.commands.executeCommand('askCodebase.resumeIndexing');
      await run;
      await api.index.settled();
      assert.equal(stateNow(), 'ready');
      assert.match(api.statusBarText(), /\d+ files indexed, \d+ chunks/);
    } finally {
      sub.dispose();
    }
    assert.ok(seen.some((s) => s.startsWith('indexing:paused') && /Paused/.test(s)), seen.join('\n'));
    assert.ok(seen.some((s) => s.startsWith('indexing |')), seen.join('\n'));
    assert.ok(seen[seen.length - 1].startsWith('ready'), seen.join('\n'));
  });

  it('resolves a re-index when the run it asked for is done, not the run already in flight', async () => {
    const api = await activatedApi();
    await api.index.settled();
    let runsDone = 0;
    const sub = api.index.onDidUpdate(() => runsDone++);
    try {
      const inFlight = api.index.reindex();
      await vscode.commands.executeCommand('askCodebase.pauseIndexing');
      // Asked while the first run is going: it must wait for a run of its own.
      const asked = api.index.reindex().then(() => runsDone);
      await vscode.commands.executeCommand('askCodebase.resumeIndexing');
      await inFlight;
      assert.ok((await asked) >= 2, 'the second re-index resolved only after a second run');
    } finally {
      sub.dispose();
    }
    await api.index.settled();
  });

  it('reflects a file saved on disk in the next search and answer (file watcher → targeted update)', async () => {
    const api = await activatedApi();
    await api.index.settled();
    const file = path.join(workspace(), 'src', 'quotaLedger.ts');
    await fs.writeFile(file, 'export function reconcileQuotaLedger(entries: number[]): number {\n  return entries.reduce((a, b) => a + b, 0);\n}\n');
    const hit = await until('the new file in search results', async () => {
      await api.index.settled();
      return (await search('reconcileQuotaLedger')).chunks.find((c) => c.path === 'src/quotaLedger.ts');
    });
    assert.equal(hit.startLine, 1);
    await fs.appendFile(file, '\nexport function auditQuotaLedgerTwice(): void {}\n');
    await until('the edit in search results', async () => {
      await api.index.settled();
      return (await search('auditQuotaLedgerTwice')).chunks.find((c) => c.path === 'src/quotaLedger.ts' && c.text.includes('auditQuotaLedgerTwice'));
    });
    const turn = await api.ask('What does auditQuotaLedgerTwice do?');
    const source = turn.sources.find((s) => s.text.includes('auditQuotaLedgerTwice'));
    assert.ok(source, 'the next answer cites the edited code');
    assert.equal(source.status, 'valid');
  });

  it('shows what is indexed and what was skipped in the status report', async () => {
    const api = await activatedApi();
    await api.index.settled();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('askCodebase.showStatus');
    const text = doc.getText();
    assert.match(text, /Files indexed \| \d+/);
    assert.match(text, /## Skipped files/);
    assert.match(text, /typescript: \d+/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
