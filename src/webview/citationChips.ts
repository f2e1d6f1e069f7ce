// Turns citation markers in rendered answer text into chips `path:start-end`, marked valid, stale
// or invalid, each a keyboard-focusable button that previews its source and opens it.
import type { CitationItem, CitationStatus, SourceItem, Turn } from '../shared/chatProtocol.js';

export interface ChipTarget {
  path: string;
  startLine: number;
  endLine: number;
  status: CitationStatus | 'pending';
  reason?: string;
  source?: SourceItem;
  /** Lines the citation points at (highlighted in the preview). */
  cited: { startLine: number; endLine: number };
}

const STATUS_GLYPH: Record<ChipTarget['status'], string> = { valid: '✓', stale: '~', invalid: '✗', pending: '…' };
const STATUS_WORD: Record<ChipTarget['status'], string> = { valid: 'valid', stale: 'stale: the code changed since indexing', invalid: 'invalid: not a retrieved source', pending: 'being checked' };

/** What a marker in the text refers to, given the turn's checked citations and sources. */
export function targetFor(turn: Turn, marker: string): ChipTarget | undefined {
  const checked: CitationItem | undefined = turn.citations.find((c) => c.marker === marker);
  const numbered = /^\[(\d+)\]$/.exec(marker);
  const source = checked?.sourceIndex !== undefined ? turn.sources.find((s) => s.index === checked.sourceIndex) : numbered ? turn.sources.find((s) => s.index === Number(numbered[1])) : undefined;
  if (checked) {
    return { path: checked.path, startLine: checked.startLine, endLine: checked.endLine, status: checked.status, reason: checked.reason, source, cited: { startLine: checked.startLine, endLine: checked.endLine } };
  }
  if (!numbered) return undefined;
  if (!source) return turn.pending ? undefined : { path: '', startLine: 0, endLine: 0, status: 'invalid', reason: `there is no source ${numbered[1]}`, cited: { startLine: 0, endLine: 0 } };
  return { path: source.path, startLine: source.startLine, endLine: source.endLine, status: turn.pending ? 'pending' : source.status, reason: source.reason, source, cited: { startLine: source.startLine, endLine: source.endLine } };
}

export function chipLabel(t: ChipTarget, marker: string): string {
  return t.path ? `${t.path}:${t.startLine}-${t.endLine}` : marker;
}

export function makeChip(t: ChipTarget, marker: string, onActivate: (t: ChipTarget) => void, onPreview: (chip: HTMLElement, t: ChipTarget | undefined) => void): HTMLButtonElement {
  const chip = document.createElement('button');
  chip.type = 'button';
  chip.className = `chip status-${t.status}`;
  chip.dataset.marker = marker;
  const glyph = document.createElement('span');
  glyph.className = 'glyph';
  glyph.setAttribute('aria-hidden', 'true');
  glyph.textContent = STATUS_GLYPH[t.status];
  chip.append(glyph, document.createTextNode(` ${chipLabel(t, marker)}`));
  const where = t.path ? `${t.path}, lines ${t.startLine} to ${t.endLine}` : marker;
  chip.setAttribute('aria-label', `Citation ${marker}: ${where}, ${STATUS_WORD[t.status]}${t.path ? '. Press Enter to open.' : ''}`);
  if (t.path) chip.addEventListener('click', () => onActivate(t));
  chip.addEventListener('mouseenter', () => onPreview(chip, t));
  chip.addEventListener('focus', () => onPreview(chip, t));
  chip.addEventListener('mouseleave', () => onPreview(chip, undefined));
  chip.addEventListener('blur', () => onPreview(chip, undefined));
  return chip;
}

/** Replaces markers in the text nodes of `root` (outside code) with chips. */
export function insertChips(root: HTMLElement, turn: Turn, build: (t: ChipTarget, marker: string) => HTMLElement): void {
  const pathMarkers = turn.citations.filter((c) => !c.marker.startsWith('[')).map((c) => c.marker);
  const alternatives = ['\\[\\d+\\]', ...pathMarkers.sort((a, b) => b.length - a.length).map(escapeRegExp)];
  const pattern = new RegExp(alternatives.join('|'), 'g');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const parts: Node[] = [];
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const target = targetFor(turn, m[0]);
      if (!target) continue;
      parts.push(document.createTextNode(text.slice(last, m.index)), build(target, m[0]));
      last = m.index + m[0].length;
    }
    if (parts.length === 0) continue;
    parts.push(document.createTextNode(text.slice(last)));
    node.replaceWith(...parts);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
