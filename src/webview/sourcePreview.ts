// The hover card of a citation chip: the exact retrieved source with line numbers, only the lines
// that matched the question (or a narrower cited range) highlighted, and why it was retrieved.
import type { ChipTarget } from './citationChips.js';
import { highlight } from './markdown.js';

const MAX_PREVIEW_LINES = 80;
const CONTEXT_ABOVE = 3;

export class SourcePreview {
  private readonly card: HTMLElement;
  private owner: HTMLElement | undefined;

  constructor(parent: HTMLElement) {
    this.card = document.createElement('div');
    this.card.id = 'preview';
    this.card.setAttribute('role', 'tooltip');
    this.card.hidden = true;
    parent.append(this.card);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
  }

  get element(): HTMLElement {
    return this.card;
  }

  show(chip: HTMLElement, t: ChipTarget): void {
    this.owner = chip;
    const card = this.card;
    card.replaceChildren();
    const header = document.createElement('div');
    header.className = 'preview-header';
    header.textContent = t.path ? `${t.path}:${t.startLine}-${t.endLine}${t.source?.symbol ? ` · ${t.source.symbol}` : ''}` : chip.dataset.marker ?? '';
    card.append(header);
    const status = document.createElement('div');
    status.className = `preview-status status-${t.status}`;
    status.textContent = t.status === 'valid' ? 'Checked: the cited lines are unchanged since indexing.' : t.status === 'pending' ? 'Checking…' : `${t.status === 'stale' ? 'Stale' : 'Invalid'}: ${t.reason ?? ''}`;
    card.append(status);
    if (t.source) {
      const why = document.createElement('div');
      why.className = 'preview-why';
      why.textContent = t.source.why ? `Why: ${t.source.why}` : 'From the editor selection';
      card.append(why, this.codeOf(t));
    }
    card.hidden = false;
    chip.setAttribute('aria-describedby', 'preview');
    const r = chip.getBoundingClientRect();
    const below = r.bottom + 4;
    card.style.left = `${Math.max(4, Math.min(r.left, window.innerWidth - card.offsetWidth - 4))}px`;
    card.style.top = below + card.offsetHeight > window.innerHeight ? `${Math.max(4, r.top - card.offsetHeight - 4)}px` : `${below}px`;
  }

  hide(chip?: HTMLElement): void {
    if (chip && chip !== this.owner) return;
    this.owner?.removeAttribute('aria-describedby');
    this.owner = undefined;
    this.card.hidden = true;
  }

  /** Line numbers shown and highlighted, for the panel's test snapshot. */
  snapshot(): { header: string; why: string; lines: number[]; highlighted: number[] } | undefined {
    if (this.card.hidden) return undefined;
    const rows = [...this.card.querySelectorAll<HTMLElement>('.line')];
    return {
      header: this.card.querySelector('.preview-header')?.textContent ?? '',
      why: this.card.querySelector('.preview-why')?.textContent ?? '',
      lines: rows.map((r) => Number(r.dataset.line)),
      highlighted: rows.filter((r) => r.classList.contains('cited')).map((r) => Number(r.dataset.line)),
    };
  }

  private codeOf(t: ChipTarget): HTMLElement {
    const source = t.source!;
    const pre = document.createElement('pre');
    pre.className = 'preview-code';
    const lines = highlight(source.text, source.language).split('\n');
    const marked = highlightedLines(t);
    // Long sources: the window starts a few lines above the first highlighted line.
    const first = marked.size ? Math.min(...marked) - source.startLine : 0;
    const from = lines.length > MAX_PREVIEW_LINES ? Math.max(0, Math.min(first - CONTEXT_ABOVE, lines.length - MAX_PREVIEW_LINES)) : 0;
    if (from > 0) pre.append(moreLines(`… ${from} lines above`));
    for (const [i, html] of lines.slice(from, from + MAX_PREVIEW_LINES).entries()) {
      const n = source.startLine + from + i;
      const row = document.createElement('div');
      row.className = `line${marked.has(n) ? ' cited' : ''}`;
      row.dataset.line = String(n);
      const num = document.createElement('span');
      num.className = 'ln';
      num.textContent = String(n);
      const code = document.createElement('span');
      code.className = 'code';
      // highlight() returns escaped text with hljs spans only; a line may close spans opened on
      // an earlier one, which the parser repairs, so colour can stop at a line break: acceptable.
      code.innerHTML = html;
      row.append(num, code);
      pre.append(row);
    }
    const below = lines.length - from - MAX_PREVIEW_LINES;
    if (below > 0) pre.append(moreLines(`… ${below} more lines`));
    return pre;
  }
}

/**
 * A citation narrower than its source highlights what it cites; one naming the whole source
 * highlights the lines that matched the question (highlighting all of a 200-line chunk says nothing).
 */
export function highlightedLines(t: ChipTarget): Set<number> {
  const s = t.source;
  if (!s) return new Set();
  const narrower = t.cited.startLine > s.startLine || t.cited.endLine < s.endLine;
  if (narrower) return new Set(Array.from({ length: t.cited.endLine - t.cited.startLine + 1 }, (_, i) => t.cited.startLine + i));
  return new Set((s.matchedLines ?? []).filter((l) => l >= s.startLine && l <= s.endLine));
}

function moreLines(text: string): HTMLElement {
  const more = document.createElement('div');
  more.className = 'more';
  more.textContent = text;
  return more;
}
