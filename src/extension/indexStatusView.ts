// "Show Index Status" as a read-only rendered page: a virtual markdown document (never an untitled
// file that asks to be saved) shown in the markdown preview, refreshed when the index changes.
import * as vscode from 'vscode';
import { readAnswerSettings } from './answerSettings.js';
import { indexReport } from './indexReport.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export const STATUS_SCHEME = 'ask-codebase';
export const STATUS_URI = vscode.Uri.from({ scheme: STATUS_SCHEME, path: '/Index Status.md' });

export class IndexStatusView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly index: WorkspaceIndex) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(STATUS_SCHEME, this),
      index.onDidUpdate(() => this.changed.fire(STATUS_URI)),
      index.onDidChangeState((s) => s.state !== 'indexing' && this.changed.fire(STATUS_URI)),
      this.changed,
    ];
  }

  async provideTextDocumentContent(): Promise<string> {
    // The store (LanceDB with it) loads when the report is asked for, not with the commands.
    const { IndexStore } = await import('../core/store/indexStore.js');
    const stats = await IndexStore.readStats(this.index.dbDir).catch(() => undefined);
    return indexReport(this.index.state, stats, readAnswerSettings(), vscode.workspace.isTrusted, this.index.dbDir);
  }

  /** Opens the rendered report; the source document is returned (read-only, never dirty). */
  async show(): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(STATUS_URI);
    this.changed.fire(STATUS_URI);
    const rendered = await vscode.commands.executeCommand('markdown.showPreview', STATUS_URI).then(() => true, () => false);
    // Without the built-in markdown extension, the read-only source is still readable.
    if (!rendered) await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
