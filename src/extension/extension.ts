// Activation: wires the engine to VS Code. Start-up stays fast: indexing is deferred and runs
// in worker threads; nothing heavy happens before the first idle moment.
import * as vscode from 'vscode';
import { readAnswerSettings } from './answerSettings.js';
import { ChatController } from './chatController.js';
import { ChatHistory } from './chatHistory.js';
import { ChatViewProvider } from './chatView.js';
import { CitedRanges } from './citedRanges.js';
import { registerCommands } from './commands.js';
import { watchFileEvents } from './fileEvents.js';
import { onPanelMessage } from './panelMessages.js';
import { RelatedHovers } from './relatedHovers.js';
import { RelevanceLog } from './relevanceLog.js';
import { createStatusBarItem, renderStatusBar, statusInfo } from './statusBar.js';
import { testApi, WebviewRequests, type AskCodebaseApi } from './testApi.js';
import { WorkspaceIndex, type IndexState } from './workspaceIndex.js';

export type { AskCodebaseApi };

/** Index after start-up settles, so opening a window never waits on us. */
const INDEX_DELAY_MS = 1_500;

export function activate(context: vscode.ExtensionContext): AskCodebaseApi {
  const activateStarted = performance.now();
  const log = vscode.window.createOutputChannel('Ask Codebase', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const index = new WorkspaceIndex(vscode.Uri.joinPath(storage, 'index').fsPath, vscode.Uri.joinPath(context.globalStorageUri, 'models').fsPath, log);
  const cited = new CitedRanges(index, context.extensionUri);
  const relevance = new RelevanceLog(vscode.Uri.joinPath(storage, 'relevance-log.jsonl').fsPath);

  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, (m) => void onPanelMessage(m, panel), log);
  const requests = new WebviewRequests(view);
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
  const panel = { view, chat, cited, requests, showState: () => showState(index.state) };
  showState(index.state);

  context.subscriptions.push(
    log, index, cited, status, chat,
    new RelatedHovers(index),
    index.onDidChangeState(showState),
    ...watchFileEvents(index),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void index.reindex()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => showState(index.state)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // What is indexed changed: an incremental run applies it (a model or chunking change rebuilds).
      if (['embeddingModel', 'chunkMaxLines', 'maxFileSizeKB'].some((k) => e.affectsConfiguration(`askCodebase.${k}`))) void index.reindex();
      else if (e.affectsConfiguration('askCodebase.answer')) showState(index.state);
    }),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, view, { webviewOptions: { retainContextWhenHidden: true } }),
    ...registerCommands({ index, view, chat, secrets: context.secrets }),
  );

  const timer = setTimeout(() => void index.reindex(), INDEX_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  const activationMs = performance.now() - activateStarted;
  return testApi({
    view, chat, index, cited, requests, activationMs,
    relevanceLogFile: relevance.file,
    answerSettings: readAnswerSettings,
    statusBarText: () => status.text,
  });
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
