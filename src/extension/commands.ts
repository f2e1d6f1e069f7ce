// The command palette and toolbar commands: each one calls into the index, the chat or a picker.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EditorSelection } from '../core/answer/index.js';
import { storePathOf } from '../core/workspacePaths.js';
import { readAnswerSettings } from './answerSettings.js';
import type { ChatController } from './chatController.js';
import { ChatViewProvider } from './chatView.js';
import { indexReport } from './indexReport.js';
import { selectLanguageModel, setApiKey } from './modelPicker.js';
import { showIndexActions } from './statusBar.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export interface CommandParts {
  index: WorkspaceIndex;
  view: ChatViewProvider;
  chat: ChatController;
  secrets: vscode.SecretStorage;
}

export function registerCommands({ index, view, chat, secrets }: CommandParts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('askCodebase.ask', () => askFromCommand(index, view, chat)),
    vscode.commands.registerCommand('askCodebase.focusChat', () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
    vscode.commands.registerCommand('askCodebase.newChat', async () => {
      await view.reveal();
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
      // The store (LanceDB with it) loads when the report is asked for, not with the commands.
      const { IndexStore } = await import('../core/store/indexStore.js');
      const stats = await IndexStore.readStats(index.dbDir).catch(() => undefined);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: indexReport(index.state, stats, readAnswerSettings(), vscode.workspace.isTrusted, index.dbDir) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc;
    }),
    vscode.commands.registerCommand('askCodebase.statusMenu', () => showIndexActions(index.state)),
    vscode.commands.registerCommand('askCodebase.selectModel', selectLanguageModel),
    vscode.commands.registerCommand('askCodebase.setApiKey', () => setApiKey(secrets)),
  ];
}

async function askFromCommand(index: WorkspaceIndex, view: ChatViewProvider, chat: ChatController): Promise<void> {
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
  await view.reveal();
  await chat.ask(question, selection);
}

function editorSelection(editor: vscode.TextEditor, index: WorkspaceIndex): EditorSelection | undefined {
  const sel = editor.selection;
  const storePath = storePathOf(index.roots(), editor.document.uri.fsPath) ?? path.basename(editor.document.uri.fsPath);
  const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  return { path: storePath, startLine: sel.start.line + 1, endLine, language: editor.document.languageId, text: editor.document.getText(new vscode.Range(sel.start.line, 0, endLine - 1, Number.MAX_SAFE_INTEGER)) };
}
