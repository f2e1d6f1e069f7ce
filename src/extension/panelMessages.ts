// What the extension does with each (validated) message from the chat panel's script.
import * as vscode from 'vscode';
import type { ChatController } from './chatController.js';
import type { ChatViewProvider } from './chatView.js';
import type { CitedRanges } from './citedRanges.js';
import type { FromWebview } from '../shared/chatProtocol.js';
import type { WebviewRequests } from './testApi.js';

export interface PanelParts {
  view: ChatViewProvider;
  chat: ChatController;
  cited: CitedRanges;
  requests: WebviewRequests;
  /** Sends the index state to the panel and the status bar. */
  showState(): void;
}

export async function onPanelMessage(m: FromWebview, { view, chat, cited, requests, showState }: PanelParts): Promise<void> {
  switch (m.type) {
    case 'ready':
      showState();
      await chat.showHistory();
      return;
    case 'ping':
      await view.post({ type: 'pong', id: m.id });
      requests.settle(m.id, m.id);
      return;
    case 'inspected':
      requests.settle(m.id, m.snapshot);
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
      await cited.open(m.path, m.startLine, m.endLine, m.lines);
      return;
    case 'command':
      await vscode.commands.executeCommand(m.command);
      return;
  }
}
