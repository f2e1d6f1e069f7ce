// Activation: wires the engine to VS Code. Start-up stays fast: indexing is deferred and runs
// in worker threads; nothing heavy happens before the first idle moment.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EditorSelection } from '../core/answer/index.js';
import { excludedFileReason, excludedFolderReason } from '../core/scan/builtinExcludes.js';
import { IndexStore } from '../core/store/indexStore.js';
import { storePathOf } from '../core/workspacePaths.js';
import { readAnswerSettings } from './answerSettings.js';
import { ChatController } from './chatController.js';
import { ChatHistory } from './chatHistory.js';
import { ChatViewProvider } from './chatView.js';
import { CitedRanges } from './citedRanges.js';
import { indexReport } from './indexReport.js';
import { selectLanguageModel, setApiKey } from './modelPicker.js';
import type { FromWebview, PanelSnapshot, InspectAction, Turn } from './protocol.js';
import { RelatedHovers } from './relatedHovers.js';
import { RelevanceLog } from './relevanceLog.js';
import { createStatusBarItem, renderStatusBar, showIndexActions, statusInfo } from './statusBar.js';
import { WorkspaceIndex, type IndexState } from './workspaceIndex.js';

/** Index after start-up settles, so opening a window never waits on us. */
const INDEX_DELAY_MS = 1_500;

/** What integration tests reach through `extension.exports`. */
export interface AskCodebaseApi {
  /** Round-trips a ping through the chat webview's script. */
  pingChatView(id: number): Promise<number>;
  /** Asks what the chat panel shows, after an optional UI action in it. */
  inspectChatView(action?: InspectAction): Promise<PanelSnapshot>;
  ask(question: string): Promise<Turn>;
  index: WorkspaceIndex;
  cited: CitedRanges;
  statusBarText(): string;
  relevanceLogFile: string;
  /** The settings as the extension reads them (user-level only). */
  answerSettings: typeof readAnswerSettings;
}

export function activate(context: vscode.ExtensionContext): AskCodebaseApi {
  const log = vscode.window.createOutputChannel('Ask Codebase', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const index = new WorkspaceIndex(vscode.Uri.joinPath(storage, 'index').fsPath, vscode.Uri.joinPath(context.globalStorageUri, 'models').fsPath, log);
  const cited = new CitedRanges(index, context.extensionUri);
  const relevance = new RelevanceLog(vscode.Uri.joinPath(storage, 'relevance-log.jsonl').fsPath);
  const replies = new Map<number, (value: unknown) => void>();
  /** Ids of test requests; pings bring their own (small) ids. */
  let nextRequest = 1_000_000;

  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, (m) => void onMessage(m), log);
  const chat = new ChatController({
    view, index, cited, relevance, log,
    history: new ChatHistory(context.workspaceState),
    secrets: context.secrets,
    answerCacheDir: vscode.Uri.joinPath(storage, 'answers').fsPath,
  });
  const status = createStatusBarItem();
  const showState = (s: IndexState) => {
    renderStatusBar(status, s);
    void vscode.commands.executeCommand('setContext', 'askCodebase.indexing', s.state === 'indexing');
    void vscode.commands.executeCommand('setContext', 'askCodebase.paused', s.state === 'indexing' && s.paused);
    void view.post({ type: 'status', status: statusInfo(s, searchMode(s)) });
  };
  showState(index.state);

  async function onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        showState(index.state);
        await chat.showHistory();
        return;
      case 'ping':
        await view.post({ type: 'pong', id: m.id });
        replies.get(m.id)?.(m.id);
        return;
      case 'inspected':
        replies.get(m.id)?.(m.snapshot);
        return;
      case 'ask':
        await chat.ask(m.question);
        return;
      case 'stop':
        chat.stop(m.id);
        return;
      case 'copy':
        await chat.copy(m.id);
        return;
      case 'newChat':
        await chat.newChat();
        return;
      case 'feedback':
        await chat.feedback(m.id, m.useful, m.sourceIndex);
        return;
      case 'open':
        await cited.open(m.path, m.startLine, m.endLine);
        return;
      case 'command':
        await vscode.commands.executeCommand(m.command);
        return;
    }
  }

  /** Sends a request to the webview script and waits for its reply carrying the same id. */
  async function request<T>(send: (id: number) => Thenable<boolean>, id = nextRequest++): Promise<T> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    await view.whenResolved();
    const answered = new Promise<T>((resolve) => replies.set(id, resolve as (v: unknown) => void));
    await send(id);
    return answered.finally(() => replies.delete(id));
  }

  async function askFromCommand(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editorSelection(editor, index) : undefined;
    const question = await vscode.window.showInputBox({
      title: 'Ask Codebase',
      prompt: selection ? `Ask about the selected lines ${selection.startLine}-${selection.endLine} of ${selection.path}, or about the whole codebase` : 'Ask a question about this codebase',
      placeHolder: 'e.g. Where is the configuration file parsed?',
      ignoreFocusOut: true,
      validateInput: (v) => (v.length > 100_000 ? 'The question is longer than 100,000 characters.' : undefined),
    });
    if (question === undefined) return;
    if (!question.trim()) {
      void vscode.window.showWarningMessage('Ask Codebase: the question is empty.');
      return;
    }
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    await view.whenResolved();
    await chat.ask(question, selection);
  }

  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const onFileEvent = (uri: vscode.Uri) => {
    const storePath = storePathOf(index.roots(), uri.fsPath);
    if (storePath && !isExcludedPath(storePath)) index.filesChanged([storePath]);
  };

  context.subscriptions.push(
    log, index, cited, status, watcher, chat,
    new RelatedHovers(index),
    index.onDidChangeState(showState),
    watcher.onDidChange(onFileEvent),
    watcher.onDidCreate(onFileEvent),
    watcher.onDidDelete(onFileEvent),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void index.reindex()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => showState(index.state)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // What is indexed changed: an incremental run applies it (a model or chunking change rebuilds).
      if (['embeddingModel', 'chunkMaxLines', 'maxFileSizeKB'].some((k) => e.affectsConfiguration(`askCodebase.${k}`))) void index.reindex();
      else if (e.affectsConfiguration('askCodebase.answer')) showState(index.state);
    }),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, view, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('askCodebase.ask', askFromCommand),
    vscode.commands.registerCommand('askCodebase.focusChat', () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
    vscode.commands.registerCommand('askCodebase.newChat', async () => {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await view.whenResolved();
      await chat.newChat();
    }),
    vscode.commands.registerCommand('askCodebase.reindex', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Ask Codebase: indexing' }, () => index.reindex())),
    vscode.commands.registerCommand('askCodebase.pauseIndexing', () => index.pause()),
    vscode.commands.registerCommand('askCodebase.resumeIndexing', () => index.resume()),
    vscode.commands.registerCommand('askCodebase.clearIndex', async () => {
      await index.clear();
      void vscode.window.showInformationMessage('Ask Codebase: the index was deleted. Re-index to build it again.', 'Re-index').then((a) => a && index.reindex());
    }),
    vscode.commands.registerCommand('askCodebase.showStatus', async () => {
      const stats = await IndexStore.readStats(index.dbDir).catch(() => undefined);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: indexReport(index.state, stats, readAnswerSettings(), vscode.workspace.isTrusted, index.dbDir) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc;
    }),
    vscode.commands.registerCommand('askCodebase.statusMenu', () => showIndexActions(index.state)),
    vscode.commands.registerCommand('askCodebase.selectModel', selectLanguageModel),
    vscode.commands.registerCommand('askCodebase.setApiKey', () => setApiKey(context.secrets)),
  );

  const timer = setTimeout(() => void index.reindex(), INDEX_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  return {
    index,
    cited,
    relevanceLogFile: relevance.file,
    answerSettings: readAnswerSettings,
    statusBarText: () => status.text,
    ask: async (question) => {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await view.whenResolved();
      return chat.ask(question);
    },
    pingChatView: (id) => request<number>(() => view.post({ type: 'pingRequest', id }), id),
    inspectChatView: (action = 'none') => request<PanelSnapshot>((id) => view.post({ type: 'inspectRequest', id, action })),
  };
}

export function deactivate(): void {}

/** How the panel says questions are answered right now. */
function searchMode(s: IndexState): string {
  const settings = readAnswerSettings();
  const search = s.state === 'ready' && s.embedded ? 'keyword + symbol + vector search' : 'keyword + symbol search (no embedding model)';
  const answers =
    settings.provider === 'extractive' ? 'answers from the sources, no language model'
    : settings.provider === 'openai' ? `answers by ${settings.openaiModel || 'the configured server'}`
    : settings.provider === 'vscode' ? 'answers by a VS Code language model'
    : 'answers by the first available model, else from the sources';
  const trust = vscode.workspace.isTrusted ? '' : '; untrusted workspace: no remote models';
  return `${search}; ${answers}${trust}`;
}

function editorSelection(editor: vscode.TextEditor, index: WorkspaceIndex): EditorSelection | undefined {
  const sel = editor.selection;
  const storePath = storePathOf(index.roots(), editor.document.uri.fsPath) ?? path.basename(editor.document.uri.fsPath);
  const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  return { path: storePath, startLine: sel.start.line + 1, endLine, language: editor.document.languageId, text: editor.document.getText(new vscode.Range(sel.start.line, 0, endLine - 1, Number.MAX_SAFE_INTEGER)) };
}

/** Version-control, dependency and lock/media files never enter the index: their events are noise. */
function isExcludedPath(storePath: string): boolean {
  const parts = storePath.split('/');
  const none = new Set<string>();
  return parts.slice(0, -1).some((p) => excludedFolderReason(p, none) !== undefined) || excludedFileReason(parts[parts.length - 1]) !== undefined;
}
