// Activation: wires the engine to VS Code. Start-up stays fast: indexing is deferred and runs
// in worker threads; nothing heavy happens before the first idle moment.
import * as vscode from 'vscode';
import { AnswererLabel } from './answererLabel.js';
import { readAnswerSettings } from './answerSettings.js';
import { ChatController } from './chatController.js';
import { ChatHistory } from './chatHistory.js';
import { ChatViewProvider } from './chatView.js';
import { CitedRanges } from './citedRanges.js';
import { registerCommands } from './commands.js';
import { ExampleQuestions } from './exampleQuestions.js';
import { watchFileEvents } from './fileEvents.js';
import { IndexStatusView } from './indexStatusView.js';
import { onPanelMessage } from './panelMessages.js';
import { RelatedHovers } from './relatedHovers.js';
import { RelevanceLog } from './relevanceLog.js';
import { createStatusBarItem, renderStatusBar, statusInfo } from './statusBar.js';
import { testApi, WebviewRequests, type AskCodebaseApi as PanelTestApi } from './testApi.js';
import { WorkspaceIndex, type IndexState } from './workspaceIndex.js';
import { CodebaseTools } from '../mcp/codebaseTools.js';
import { editorIndexAccess, registerLanguageModelTools, registerMcpServer } from './agentTools.js';
import { createCodebaseHandler, registerCodebaseParticipant, type CodebaseChatRecord } from './chatParticipant.js';

/** The test API, plus `@codebase`: its handler, and the requests the Chat view sent it. */
export type AskCodebaseApi = PanelTestApi & { codebaseChat: vscode.ChatRequestHandler; codebaseChatAnswers: CodebaseChatRecord[] };

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
  const examples = new ExampleQuestions(index.dbDir);
  const chat = new ChatController({
    view, index, cited, relevance, log,
    history: new ChatHistory(context.workspaceState),
    secrets: context.secrets,
    answerCacheDir: vscode.Uri.joinPath(storage, 'answers').fsPath,
    examples: async () => examples.current,
  });
  const status = createStatusBarItem();
  const answerer = new AnswererLabel(context.secrets, () => showState(index.state));
  const showState = (s: IndexState) => {
    renderStatusBar(status, s);
    void vscode.commands.executeCommand('setContext', 'askCodebase.indexing', s.state === 'indexing');
    void vscode.commands.executeCommand('setContext', 'askCodebase.paused', s.state === 'indexing' && s.paused);
    void view.post({ type: 'status', status: statusInfo(s, searchMode(s), answerer.current) });
  };
  const panel = { view, chat, cited, requests, showState: () => showState(index.state) };
  showState(index.state);
  void answerer.refresh();
  const statusView = new IndexStatusView(index);

  context.subscriptions.push(
    log, index, cited, status, chat, statusView,
    new RelatedHovers(index),
    index.onDidChangeState(showState),
    // After each run (and after Clear Index), examples come from what is indexed now.
    index.onDidUpdate(() => void examples.refresh().then(() => chat.examplesChanged())),
    vscode.lm.onDidChangeChatModels(() => void answerer.refresh()),
    ...watchFileEvents(index),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void index.reindex()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void answerer.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // What is indexed changed: an incremental run applies it (a model or chunking change rebuilds).
      if (['embeddingModel', 'chunkMaxLines', 'maxFileSizeKB'].some((k) => e.affectsConfiguration(`askCodebase.${k}`))) void index.reindex();
      else if (e.affectsConfiguration('askCodebase.answer')) void answerer.refresh();
    }),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, view, { webviewOptions: { retainContextWhenHidden: true } }),
    ...registerCommands({ index, view, chat, cited, statusView, secrets: context.secrets }),
  );

  // Agents: the tools as language-model tools, an MCP server definition, and `@codebase` in Chat.
  const chatAnswers: CodebaseChatRecord[] = [];
  context.subscriptions.push(
    ...registerLanguageModelTools(new CodebaseTools(editorIndexAccess(index))),
    ...registerMcpServer(index, context.extensionUri, String(context.extension.packageJSON.version)),
    registerCodebaseParticipant(index, context.extensionUri, (a) => void chatAnswers.splice(0, chatAnswers.push(a) - 10)),
  );

  void openWalkthroughOnce(context);
  // Unless a run was already asked for (Re-index before the delay ran out): a second run then would
  // leave the index 'indexing' right after the first one the caller waited for.
  const timer = setTimeout(() => {
    if (index.state.state === 'idle' && !index.building) void index.reindex();
  }, INDEX_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  const activationMs = performance.now() - activateStarted;
  const api = testApi({
    view, chat, index, cited, requests, activationMs,
    relevanceLogFile: relevance.file,
    answerSettings: readAnswerSettings,
    statusBarText: () => status.text,
    statusBarTooltip: () => (typeof status.tooltip === 'string' ? status.tooltip : status.tooltip?.value),
  });
  return { ...api, codebaseChat: createCodebaseHandler(index), codebaseChatAnswers: chatAnswers };
}

export function deactivate(): void {}

/** The Getting Started walkthrough opens once, on the first activation after install (not in test runs). */
async function openWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  const key = 'askCodebase.walkthroughShown';
  if (context.globalState.get(key) || context.extensionMode === vscode.ExtensionMode.Test) return;
  await context.globalState.update(key, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false).then(undefined, () => undefined);
}

/** How the panel says questions are searched right now (the answerer is AnswererLabel's). */
function searchMode(s: IndexState): string {
  const search = s.state === 'ready' && s.embedded ? 'keyword + symbol + vector' : s.state === 'ready' && s.keywordOnly ? 'keyword + symbol (embedding model unavailable)' : 'keyword + symbol (no embedding model)';
  return vscode.workspace.isTrusted ? search : `${search}; untrusted workspace: no remote models`;
}
