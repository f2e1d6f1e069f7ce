// The one status bar item: starting / not indexed / indexing N of M files / paused / ready / error.
// A click opens the index actions (or, when nothing is indexed, re-indexes).
import * as vscode from 'vscode';
import type { IndexStatusState, StatusInfo } from '../shared/chatProtocol.js';
import type { IndexState } from './workspaceIndex.js';

export function statusState(s: IndexState): IndexStatusState {
  if (s.state === 'idle') return s.cleared || !vscode.workspace.workspaceFolders?.length ? 'not-indexed' : 'starting';
  return s.state === 'indexing' && s.paused ? 'paused' : s.state;
}

/** Status bar text with a codicon; the chat panel shows it without the icon. */
export function statusText(s: IndexState): string {
  switch (s.state) {
    case 'idle':
      if (!vscode.workspace.workspaceFolders?.length) return '$(database) Ask Codebase: no folder open';
      return s.cleared ? '$(circle-slash) Not indexed — Re-index' : '$(sync~spin) Ask Codebase: starting…';
    case 'indexing': {
      const p = s.progress;
      const icon = s.paused ? '$(debug-pause)' : '$(sync~spin)';
      const verb = s.paused ? 'Paused' : 'Indexing';
      if (!p || p.phase === 'scan') return `${icon} ${verb}: looking for files${p?.filesDone ? ` (${p.filesDone.toLocaleString('en')} seen)` : ''}…`;
      if (p.phase === 'optimize' || p.phase === 'done') return `${icon} ${verb}: updating the keyword index…`;
      if (p.filesTotal === 0) return `${icon} ${verb}…`;
      const rate = !s.paused && s.filesPerSecond && p.phase !== 'embed' ? `, ${Math.round(s.filesPerSecond)} files/s` : '';
      const eta = !s.paused && p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds) ? `, ETA ${formatSeconds(p.etaSeconds)}` : '';
      // The chunk phase counts new or changed files (some turn out unreadable or binary and are
      // skipped); the embed phase counts chunks. Saying which keeps the numbers honest.
      const counted = p.phase === 'embed' ? `embedding ${p.filesDone.toLocaleString('en')} of ${p.filesTotal.toLocaleString('en')} chunks` : `${p.filesDone.toLocaleString('en')} of ${p.filesTotal.toLocaleString('en')} new or changed files`;
      return `${icon} ${verb}: ${counted}${rate}${eta}`;
    }
    case 'ready':
      return `$(database) ${s.files.toLocaleString('en')} files indexed, ${s.chunks.toLocaleString('en')} chunks`;
    case 'error':
      return s.restarting ? '$(warning) Index build stopped, restarting…' : '$(error) Index error';
  }
}

export function statusInfo(s: IndexState, mode: string, answers: string): StatusInfo {
  const text = s.state === 'error' ? `Index error: ${s.message}` : statusText(s).replace(/\$\([^)]+\)\s*/, '');
  return { state: statusState(s), text, mode, answers };
}

function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function createStatusBarItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('askCodebase.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Ask Codebase index';
  item.command = 'askCodebase.statusMenu';
  return item;
}

export function renderStatusBar(item: vscode.StatusBarItem, s: IndexState): void {
  const notIndexed = s.state === 'idle' && s.cleared;
  item.text = statusText(s);
  item.tooltip = s.state === 'error' ? `Ask Codebase: ${s.message}\nClick for index actions.` : notIndexed ? 'Ask Codebase: nothing is indexed. Click to build the index.'
    : s.state === 'ready' && s.keywordOnly ? `Ask Codebase index — keyword-only search: ${s.keywordOnly}\nClick for actions.` : 'Ask Codebase index — click for actions';
  item.command = notIndexed ? 'askCodebase.reindex' : 'askCodebase.statusMenu';
  item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : notIndexed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.show();
}

/** The quick pick behind a click on the status bar item. */
export async function showIndexActions(s: IndexState): Promise<void> {
  const items: Array<vscode.QuickPickItem & { command: string }> = [
    { label: '$(comment-discussion) Ask a Question…', command: 'askCodebase.ask' },
    { label: '$(database) Show Index Status', command: 'askCodebase.showStatus' },
    { label: '$(refresh) Re-index Workspace', command: 'askCodebase.reindex' },
  ];
  if (s.state === 'indexing') {
    items.push(s.paused ? { label: '$(debug-continue) Resume Indexing', command: 'askCodebase.resumeIndexing' } : { label: '$(debug-pause) Pause Indexing', command: 'askCodebase.pauseIndexing' });
  }
  items.push(
    ...(s.state === 'ready' && s.keywordOnly && !s.keywordOnly.startsWith('untrusted') ? [{ label: '$(cloud-download) Retry Embedding Model Download', command: 'askCodebase.retryEmbeddingModel' }] : []),
    { label: '$(trash) Clear Index…', command: 'askCodebase.clearIndex' },
    { label: '$(sparkle) Select Language Model', command: 'askCodebase.selectModel' },
    { label: '$(key) Set API Key', command: 'askCodebase.setApiKey' },
    { label: '$(add) New Chat', command: 'askCodebase.newChat' },
  );
  const picked = await vscode.window.showQuickPick(items, { title: `Ask Codebase — ${statusText(s).replace(/\$\([^)]+\)\s*/, '')}`, placeHolder: 'Index and chat actions' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
