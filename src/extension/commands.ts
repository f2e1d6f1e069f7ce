// The command palette and toolbar commands: each one calls into the index, the chat or a picker.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EditorSelection } from '../core/answer/index.js';
import { storePathOf } from '../core/workspacePaths.js';
import type { ChatController } from './chatController.js';
import { ChatViewProvider } from './chatView.js';
import type { CitedRanges } from './citedRanges.js';
import type { IndexStatusView } from './indexStatusView.js';
import { selectLanguageModel, setApiKey } from './modelPicker.js';
import { showIndexActions } from './statusBar.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export interface CommandParts {
  index: WorkspaceIndex;
  view: ChatViewProvider;
  chat: ChatController;
  cited: CitedRanges;
  statusView: IndexStatusView;
  secrets: vscode.SecretStorage;
}

/** Clear Index asks first; scripts and tests may pass `{ confirmed: true }`. */
interface ClearOptions {
  confirmed?: boolean;
}

export function registerCommands({ index, view, chat, cited, statusView, secrets }: CommandParts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('askCodebase.ask', () => askFromCommand(index, view, chat)),
    vscode.commands.registerCommand('askCodebase.focusChat', () => vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`)),
    vscode.commands.registerCommand('askCodebase.newChat', async () => {
      await view.reveal();
      await chat.newChat();
    }),
    // Progress shows in the one Ask Codebase status bar item, not in a second one.
    vscode.commands.registerCommand('askCodebase.reindex', () => index.reindex()),
    vscode.commands.registerCommand('askCodebase.retryEmbeddingModel', () => index.retryEmbeddingModel()),
    vscode.commands.registerCommand('askCodebase.pauseIndexing', () => index.pause()),
    vscode.commands.registerCommand('askCodebase.resumeIndexing', () => index.resume()),
    vscode.commands.registerCommand('askCodebase.clearIndex', async (options?: ClearOptions) => {
      if (options?.confirmed !== true) {
        const choice = await vscode.window.showWarningMessage(
          'Clear the Ask Codebase index?',
          { modal: true, detail: 'The index of this workspace is deleted. Questions cannot be answered until it is built again (Re-index).' },
          'Clear Index',
        );
        if (choice !== 'Clear Index') return false;
      }
      await index.clear();
      // Marks in the editor point into the index that is gone.
      cited.clear();
      return true;
    }),
    vscode.commands.registerCommand('askCodebase.showStatus', () => statusView.show()),
    vscode.commands.registerCommand('askCodebase.statusMenu', () => showIndexActions(index.state)),
    vscode.commands.registerCommand('askCodebase.selectModel', selectLanguageModel),
    vscode.commands.registerCommand('askCodebase.setApiKey', () => setApiKey(secrets)),
  ];
}

async function askFromCommand(index: WorkspaceIndex, view: ChatViewProvider, chat: ChatController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editorSelection(editor, index) : undefined;
  const question = await vscode.window.showInputBox({
    title: 'Ask Codebase: Ask a Question',
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
