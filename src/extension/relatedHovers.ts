// Optional (askCodebase.hover.relatedChunks, off by default): a symbol's hover lists the places in
// the index most related to it, each a link to the file and range.
import * as vscode from 'vscode';
import { searchIndex } from '../core/retrieve/searchIndex.js';
import { resolveStorePath, storePathOf } from '../core/workspacePaths.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

const RELATED = 3;

export class RelatedHovers implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly index: WorkspaceIndex) {
    this.registration = vscode.languages.registerHoverProvider({ scheme: 'file' }, this);
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.getConfiguration('askCodebase').get<boolean>('hover.relatedChunks', false)) return undefined;
    const range = document.getWordRangeAtPosition(position, /[A-Za-z_$][\w$]{2,}/);
    if (!range || this.index.state.state !== 'ready') return undefined;
    const word = document.getText(range);
    const here = storePathOf(this.index.roots(), document.uri.fsPath);
    const store = await this.index.openStore().catch(() => undefined);
    if (!store) return undefined;
    try {
      const result = await searchIndex(store, word, { k: RELATED + 2 });
      if (token.isCancellationRequested) return undefined;
      const line = position.line + 1;
      const related = result.chunks.filter((c) => !(c.path === here && line >= c.startLine && line <= c.endLine)).slice(0, RELATED);
      if (related.length === 0) return undefined;
      const md = new vscode.MarkdownString('**Ask Codebase** — related in this workspace:\n\n');
      md.isTrusted = { enabledCommands: ['vscode.open'] };
      for (const c of related) {
        const abs = resolveStorePath(this.index.roots(), c.path);
        if (!abs) continue;
        const target = vscode.Uri.file(abs).with({ fragment: `L${c.startLine}` });
        md.appendMarkdown(`- [${c.path}:${c.startLine}-${c.endLine}](${target.toString()})${c.symbol ? ` \`${c.symbol.replace(/`/g, '')}\`` : ''}\n`);
      }
      return new vscode.Hover(md, range);
    } finally {
      await store.close();
    }
  }

  dispose(): void {
    this.registration.dispose();
  }
}
