// Ranges cited by recent answers, marked in the editor by a gutter icon on the lines that matched
// the question (no background: a long grey range reads as a selection), flashed briefly when
// opened, and explained on hover: the question, the sentence that cited it, why it was retrieved.
import * as vscode from 'vscode';
import { resolveStorePath, storePathOf } from '../core/workspacePaths.js';
import type { Turn } from '../shared/chatProtocol.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

interface CitedRange {
  turnId: string;
  question: string;
  excerpt: string;
  marker: string;
  startLine: number;
  endLine: number;
  why: string;
  /** Lines of the range that hold the question's words; the gutter marks these (else the first line). */
  lines: number[];
}

/** Citations of this many latest answers stay marked. */
const KEEP_TURNS = 5;

export class CitedRanges implements vscode.HoverProvider, vscode.Disposable {
  private readonly byPath = new Map<string, CitedRange[]>();
  private readonly turnOrder: string[] = [];
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly flash: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly index: WorkspaceIndex, extensionUri: vscode.Uri) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'cited.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.flash = vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'), isWholeLine: true });
    this.subscriptions.push(
      this.decoration,
      this.flash,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.languages.registerHoverProvider({ scheme: 'file' }, this),
    );
  }

  /** Marks every valid citation of an answer; older answers' marks go after KEEP_TURNS. */
  addTurn(turn: Turn): void {
    if (!turn.citations.length) return;
    this.turnOrder.push(turn.id);
    const dropped = this.turnOrder.splice(0, Math.max(0, this.turnOrder.length - KEEP_TURNS));
    for (const [p, list] of this.byPath) this.byPath.set(p, list.filter((r) => !dropped.includes(r.turnId)));
    for (const c of turn.citations) {
      if (c.status !== 'valid') continue;
      const source = c.sourceIndex !== undefined ? turn.sources.find((s) => s.index === c.sourceIndex) : undefined;
      const list = this.byPath.get(c.path) ?? [];
      if (list.some((r) => r.turnId === turn.id && r.startLine === c.startLine && r.endLine === c.endLine)) continue;
      const lines = (source?.matchedLines ?? []).filter((l) => l >= c.startLine && l <= c.endLine);
      list.push({ turnId: turn.id, question: turn.question, excerpt: excerptAround(turn.text, c.marker), marker: c.marker, startLine: c.startLine, endLine: c.endLine, why: source?.why ?? '', lines });
      this.byPath.set(c.path, list);
    }
    this.refresh();
  }

  clear(): void {
    this.byPath.clear();
    this.turnOrder.length = 0;
    this.refresh();
  }

  /** For tests and the hover: the cited ranges of a document. */
  rangesOf(uri: vscode.Uri): CitedRange[] {
    const p = storePathOf(this.index.roots(), uri.fsPath);
    return p ? this.byPath.get(p) ?? [] : [];
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = position.line + 1;
    const hits = this.rangesOf(document.uri).filter((r) => line >= r.startLine && line <= r.endLine);
    if (hits.length === 0) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['askCodebase.focusChat'] };
    for (const r of hits.slice(-3).reverse()) {
      md.appendMarkdown(`**Ask Codebase** cited lines ${r.startLine}–${r.endLine} as ${escapeMd(r.marker)}\n\n`);
      md.appendMarkdown(`*Question:* ${escapeMd(r.question.slice(0, 200))}\n\n`);
      // The answer's own markdown (code spans, emphasis) renders; links can run no command but ours.
      if (r.excerpt) md.appendMarkdown(`> ${r.excerpt.replace(/\s+/g, ' ')}\n\n`);
      if (r.why) md.appendMarkdown(`*Why:* ${r.why}\n\n`);
    }
    md.appendMarkdown('[$(comment-discussion) Open in chat](command:askCodebase.focusChat)');
    const first = hits[hits.length - 1];
    return new vscode.Hover(md, new vscode.Range(first.startLine - 1, 0, first.endLine - 1, Number.MAX_SAFE_INTEGER));
  }

  /** Opens an index path at a line range and flashes its matched lines (else the range) for a moment. */
  async open(storePath: string, startLine: number, endLine: number, matched: number[] = []): Promise<vscode.TextEditor | undefined> {
    const abs = resolveStorePath(this.index.roots(), storePath);
    if (!abs) {
      void vscode.window.showWarningMessage(`Ask Codebase: ${storePath} is not in this workspace.`);
      return undefined;
    }
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs));
    } catch {
      void vscode.window.showWarningMessage(`Ask Codebase: ${storePath} no longer exists.`);
      return undefined;
    }
    const last = Math.max(0, doc.lineCount - 1);
    const range = new vscode.Range(Math.min(startLine - 1, last), 0, Math.min(endLine - 1, last), Number.MAX_SAFE_INTEGER);
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(range.start, range.start), preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const lines = matched.filter((l) => l >= startLine && l <= endLine && l <= doc.lineCount);
    editor.setDecorations(this.flash, lines.length ? lines.map((l) => new vscode.Range(l - 1, 0, l - 1, 0)) : [range]);
    setTimeout(() => editor.setDecorations(this.flash, []), 1500);
    return editor;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const lines = new Set(this.rangesOf(editor.document.uri).flatMap((r) => (r.lines.length ? r.lines : [r.startLine])));
      editor.setDecorations(this.decoration, [...lines].map((l) => new vscode.Range(l - 1, 0, l - 1, 0)));
    }
  }
}

/** The sentence of the answer around a citation marker. */
export function excerptAround(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) return '';
  const before = text.lastIndexOf('\n', at);
  const sentenceStart = Math.max(before, ...['. ', '! ', '? '].map((s) => text.lastIndexOf(s, at - 1) + 1));
  const end = text.indexOf('\n', at);
  const excerpt = text.slice(Math.max(0, sentenceStart), end < 0 ? undefined : end).trim();
  return excerpt.length > 240 ? `${excerpt.slice(0, 237)}…` : excerpt;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
