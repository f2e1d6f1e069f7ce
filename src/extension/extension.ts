// Activation: wires the engine to VS Code. Start-up stays fast: indexing is deferred and runs
// in worker threads; nothing heavy happens before the first idle moment.
import * as vscode from 'vscode';
import { ChatViewProvider } from './chatView.js';
import type { FromWebview, ResultItem } from './protocol.js';
import { WorkspaceIndex, type IndexState } from './workspaceIndex.js';

/** Index after start-up settles, so opening a window never waits on us. */
const INDEX_DELAY_MS = 1_500;

export interface AskCodebaseApi {
  /** For integration tests: round-trips a ping through the chat webview's script. */
  pingChatView(id: number): Promise<number>;
  index: WorkspaceIndex;
}

export function activate(context: vscode.ExtensionContext): AskCodebaseApi {
  const log = vscode.window.createOutputChannel('Ask Codebase', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const index = new WorkspaceIndex(vscode.Uri.joinPath(storage, 'index').fsPath, vscode.Uri.joinPath(context.globalStorageUri, 'models').fsPath, log);
  const pongs = new Map<number, (id: number) => void>();

  const chat: ChatViewProvider = new ChatViewProvider(context.extensionUri, (m) => void onChatMessage(m), log);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'askCodebase.showStatus';
  status.name = 'Ask Codebase index';
  const showState = (s: IndexState) => {
    status.text = statusText(s);
    status.show();
    void chat.post({ type: 'status', text: statusText(s).replace(/\$\([^)]+\)\s*/, ''), state: s.state });
  };
  showState(index.state);

  async function onChatMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        showState(index.state);
        return;
      case 'ping':
        await chat.post({ type: 'pong', id: m.id });
        pongs.get(m.id)?.(m.id);
        return;
      case 'ask':
        await answer(m.question);
        return;
      case 'open': {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) return;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, m.path));
        const range = new vscode.Range(m.startLine - 1, 0, m.endLine - 1, Number.MAX_SAFE_INTEGER);
        await vscode.window.showTextDocument(doc, { selection: range });
        return;
      }
    }
  }

  async function answer(question: string): Promise<void> {
    if (question.trim() === '') {
      await chat.post({ type: 'error', message: 'The question is empty. Type what you want to find in the code.' });
      return;
    }
    await chat.post({ type: 'question', text: question });
    try {
      const result = await index.search(question);
      const results: ResultItem[] = result.chunks.map((c) => ({
        path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, text: c.text,
        why: Object.entries(c.signals).map(([s, e]) => `${s} #${e!.rank}`).join(', '),
      }));
      const summary = results.length === 0 ? 'Nothing in the index matches this question.' : `The ${results.length} most relevant places in the code (${result.mode === 'keyword' ? 'keyword + symbol search' : 'keyword, symbol and vector search'}; no language model is configured):`;
      await chat.post({ type: 'answer', question, summary, results, warnings: result.warnings });
    } catch (err) {
      await chat.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  context.subscriptions.push(
    log,
    index,
    status,
    index.onDidChangeState(showState),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('askCodebase.ask', async () => {
      const editor = vscode.window.activeTextEditor;
      const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      const question = await vscode.window.showInputBox({ prompt: 'Ask a question about this codebase', placeHolder: 'e.g. Where is the configuration file parsed?', ignoreFocusOut: true });
      if (!question) return;
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await chat.whenResolved();
      await answer(selection ? `${question}\n\n${selection}` : question);
    }),
    vscode.commands.registerCommand('askCodebase.reindex', () => index.reindex()),
    vscode.commands.registerCommand('askCodebase.showStatus', async () => {
      const s = index.state;
      await vscode.window.showInformationMessage(`Ask Codebase: ${statusText(s).replace(/\$\([^)]+\)\s*/, '')}`);
    }),
  );

  const timer = setTimeout(() => void index.reindex(), INDEX_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  return {
    index,
    pingChatView: async (id: number) => {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await chat.whenResolved();
      const answered = new Promise<number>((resolve) => pongs.set(id, resolve));
      await chat.post({ type: 'pingRequest', id });
      return answered;
    },
  };
}

export function deactivate(): void {}

function statusText(s: IndexState): string {
  switch (s.state) {
    case 'idle':
      return '$(database) Ask Codebase';
    case 'indexing': {
      const p = s.progress;
      if (!p || p.filesTotal === 0) return '$(sync~spin) Indexing…';
      const eta = p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds) ? `, ETA ${Math.ceil(p.etaSeconds)}s` : '';
      return `$(sync~spin) Indexing ${p.filesDone}/${p.filesTotal} files${eta}`;
    }
    case 'ready':
      return `$(database) ${s.files} files, ${s.chunks} chunks`;
    case 'error':
      return `$(error) Index error: ${s.message}`;
  }
}
