// The sidebar chat panel: a webview with a strict Content-Security-Policy (nonce scripts only,
// nothing remote), themed with VS Code's CSS variables.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseWebviewMessage, type FromWebview, type ToWebview } from '../shared/chatProtocol.js';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'askCodebase.chat';
  private view: vscode.WebviewView | undefined;
  private readonly resolvedWaiters: (() => void)[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: FromWebview) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
    webview.html = this.html(webview);
    webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        this.log.warn(`ignored an invalid message from the chat view: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      this.onMessage(message);
    });
    view.onDidDispose(() => (this.view = undefined));
    for (const w of this.resolvedWaiters.splice(0)) w();
  }

  /** Resolves once the view exists (the user or a command opened it). */
  whenResolved(): Promise<void> {
    return this.view ? Promise.resolve() : new Promise((r) => this.resolvedWaiters.push(r));
  }

  /** Focuses the chat view and resolves once it exists. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    await this.whenResolved();
  }

  post(message: ToWebview): Thenable<boolean> {
    return this.view?.webview.postMessage(message) ?? Promise.resolve(false);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'chat.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Ask Codebase</title>
</head>
<body>
<header id="status" role="status" aria-live="polite">
  <div id="status-line"><span id="status-text">Starting…</span><button type="button" id="new-chat" class="icon-button" aria-label="New chat" title="New chat">New chat</button></div>
  <div id="answers-line"><span id="answers-text"></span> <button type="button" id="choose-model" class="link-button" aria-label="Choose the language model that writes answers">Choose a model</button></div>
  <div id="status-mode"></div>
</header>
<main id="log" aria-label="Conversation" aria-live="polite"></main>
<form id="ask" aria-label="Ask a question">
  <div class="input-column">
    <textarea id="question" rows="3" maxlength="100000" aria-label="Question" aria-describedby="input-error" placeholder="Ask about this codebase… (Enter to send, Shift+Enter for a new line)"></textarea>
    <div id="input-error" role="alert" hidden></div>
  </div>
  <div class="form-actions">
    <button type="button" id="stop" hidden aria-label="Stop the answer">Stop</button>
    <button type="submit" id="send">Ask</button>
  </div>
</form>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}
