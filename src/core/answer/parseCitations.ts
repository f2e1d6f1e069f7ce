// Finds citation markers in answer text: [n], [1, 3], [1-3], [1][2] and path:line / path:start-end.

export type ParsedCitation =
  | { kind: 'source'; marker: string; offset: number; sourceIndex: number }
  | { kind: 'path'; marker: string; offset: number; path: string; startLine: number; endLine: number };

// A bracket group of numbers; not after a word character, so code like arr[1] is not a citation.
const SOURCE_GROUP = /(?<![\w)])\[(\d{1,3}(?:\s*(?:,|;|-|–)\s*\d{1,3})*)\](?!\()/g;
// path/with/dirs.ext:12 or :12-20 (also :L12-L20); the path must have an extension.
const PATH_REF = /(?<![\w/.@-])((?:[\w.@-]+\/)*[\w@-][\w.@-]*\.[A-Za-z0-9]{1,8}):L?(\d{1,7})(?:\s?[-–]\s?L?(\d{1,7}))?(?![\w])/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/gm;
/** Ranges like [1-40] are sources 1..40 only when short; longer spans are something else. */
const MAX_SOURCE_SPAN = 20;

export function parseCitations(text: string): ParsedCitation[] {
  const fenced = fencedRanges(text);
  const inFence = (at: number) => fenced.some(([s, e]) => at >= s && at < e);
  const out: ParsedCitation[] = [];
  for (const m of text.matchAll(SOURCE_GROUP)) {
    if (inFence(m.index)) continue;
    for (const n of expandGroup(m[1])) out.push({ kind: 'source', marker: m[0], offset: m.index, sourceIndex: n });
  }
  for (const m of text.matchAll(PATH_REF)) {
    if (inFence(m.index)) continue;
    const startLine = Number(m[2]);
    const endLine = m[3] ? Number(m[3]) : startLine;
    out.push({ kind: 'path', marker: m[0], offset: m.index, path: m[1].replace(/^\.\//, ''), startLine, endLine });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function expandGroup(group: string): number[] {
  const numbers: number[] = [];
  for (const part of group.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to >= from && to - from <= MAX_SOURCE_SPAN) for (let n = from; n <= to; n++) numbers.push(n);
    } else {
      numbers.push(Number(part));
    }
  }
  return numbers;
}

/** [start, end) offsets of fenced code blocks; an unclosed fence runs to the end of the text. */
function fencedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open: { at: number; fence: string } | undefined;
  for (const m of text.matchAll(FENCE)) {
    if (!open) open = { at: m.index, fence: m[1] };
    else if (m[1][0] === open.fence[0] && m[1].length >= open.fence.length) {
      ranges.push([open.at, m.index + m[0].length]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.at, text.length]);
  return ranges;
}

/**
 * Feeds streamed text and hands out each citation once, as soon as it can no longer grow
 * (text after the last whitespace may still be an unfinished '[1' or 'a.ts:1').
 */
export class CitationScanner {
  private text = '';
  private emitted = 0;

  push(delta: string): ParsedCitation[] {
    this.text += delta;
    const lastSpace = Math.max(this.text.lastIndexOf(' '), this.text.lastIndexOf('\n'), this.text.lastIndexOf('\t'));
    return this.take(lastSpace + 1);
  }

  finish(): ParsedCitation[] {
    return this.take(this.text.length);
  }

  private take(stableEnd: number): ParsedCitation[] {
    const found = parseCitations(this.text.slice(0, stableEnd));
    const fresh = found.slice(this.emitted);
    this.emitted = found.length;
    return fresh;
  }
}
