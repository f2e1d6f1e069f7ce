// Finds citation markers in answer text: [n], [1, 3], [1-3], [1][2] and path:line / path:start-end.

export type ParsedCitation =
  | { kind: 'source'; marker: string; offset: number; sourceIndex: number }
  | { kind: 'path'; marker: string; offset: number; path: string; startLine: number; endLine: number };

// A bracket group of numbers; not after a word character, so code like arr[1] is not a citation.
const SOURCE_GROUP = /(?<![\w)])\[(\d{1,3}(?:\s*(?:,|;|-|–)\s*\d{1,3})*)\](?!\()/g;
// path/with/dirs.ext:12 or :12-20 (also :L12-L20); the path must have an extension. Absolute
// paths ('/etc/passwd:1-3', '~/x:2') are read too, with or without one, so that they are
// recognised (and judged invalid) instead of passing as plain text.
const PATH_REF = /(?<![\w/.@~-])((?:\/|~\/)(?:[\w.@-]+\/)*[\w.@-]*[\w@-]|(?:[\w.@-]+\/)*[\w@-][\w.@-]*\.[A-Za-z0-9]{1,8}):L?(\d{1,7})(?:\s?[-–]\s?L?(\d{1,7}))?(?![\w])/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/gm;
/** Ranges like [1-40] are sources 1..40 only when short; longer spans are something else. */
const MAX_SOURCE_SPAN = 20;

export function parseCitations(text: string): ParsedCitation[] {
  return parseRegion(text, 0, 0, text.length, fencedRanges(text));
}

/**
 * Citations starting in [from, to) of a text of which `text` holds the part from offset
 * `textStart` on, outside the fenced ranges (sorted, disjoint). Linear in the region: only the
 * region is searched, with one character before it for the look-behind.
 */
function parseRegion(text: string, textStart: number, from: number, to: number, fenced: ReadonlyArray<[number, number]>): ParsedCitation[] {
  const before = Math.max(textStart, from - 1);
  const region = text.slice(before - textStart, to - textStart);
  const inFence = (at: number) => {
    // Binary search: the last range starting at or before `at`.
    let lo = 0;
    let hi = fenced.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fenced[mid][0] <= at) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && at < fenced[hi][1];
  };
  const out: ParsedCitation[] = [];
  for (const m of region.matchAll(SOURCE_GROUP)) {
    const offset = before + m.index;
    if (offset < from || inFence(offset)) continue;
    for (const n of expandGroup(m[1])) out.push({ kind: 'source', marker: m[0], offset, sourceIndex: n });
  }
  for (const m of region.matchAll(PATH_REF)) {
    const offset = before + m.index;
    if (offset < from || inFence(offset)) continue;
    const startLine = Number(m[2]);
    const endLine = m[3] ? Number(m[3]) : startLine;
    out.push({ kind: 'path', marker: m[0], offset, path: m[1].replace(/^\.\//, ''), startLine, endLine });
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

/** Longest citation expected to be still growing across a stream boundary (a long path:start-end). */
const MAX_CITATION_CHARS = 160;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_START = /^ {0,3}[`~]/;
/** Enough of a line's start to read a fence of any sensible length. */
const LINE_HEAD_CHARS = 64;

/**
 * Feeds streamed text and hands out each citation once, as soon as it can no longer grow
 * (text after the last whitespace may still be an unfinished '[1' or 'a.ts:1'). Linear in the
 * answer: each push looks at its own text plus a short overlap before it, and fences are tracked
 * line by line (re-parsing the whole answer per push took 9 s for a 128 KB answer). The text is
 * kept as pieces: indexing one ever-growing string flattens it again on every push.
 */
export class CitationScanner {
  private readonly pieces: string[] = [];
  private length = 0;
  /** The text from `tailStart` to the end: what a parse may still need. */
  private tail = '';
  private tailStart = 0;
  private readonly emitted = new Set<string>();
  /** Closed fence ranges, and the open one if any. */
  private readonly fences: Array<[number, number]> = [];
  private openFence: { at: number; fence: string } | undefined;
  private lineStart = 0;
  private lineHead = '';
  /** Text before this offset has been parsed for citations. */
  private parsed = 0;

  push(delta: string): ParsedCitation[] {
    const base = this.length;
    this.pieces.push(delta);
    this.length += delta.length;
    this.tail += delta;
    this.readLines(delta, base);
    let stableEnd = this.parsed;
    for (let i = delta.length - 1; i >= 0 && base + i >= this.parsed; i--) {
      const ch = delta[i];
      if (ch === ' ' || ch === '\n' || ch === '\t') {
        stableEnd = base + i + 1;
        break;
      }
    }
    // The current line may still turn out to open a fence: wait for its end.
    if (stableEnd > this.lineStart && FENCE_START.test(this.lineHead)) stableEnd = Math.max(this.parsed, this.lineStart);
    if (stableEnd <= this.parsed) return [];
    const from = Math.max(0, this.parsed - MAX_CITATION_CHARS);
    const fenced: Array<[number, number]> = this.openFence ? [...this.fences.slice(-1), [this.openFence.at, Infinity]] : this.fences.slice(-1);
    const found = parseRegion(this.tail, this.tailStart, from, stableEnd, fenced);
    this.parsed = stableEnd;
    // Keep only what the next parse can reach back to, and one character before for its look-behind.
    const keepFrom = Math.max(this.tailStart, this.parsed - MAX_CITATION_CHARS - 1);
    this.tail = this.tail.slice(keepFrom - this.tailStart);
    this.tailStart = keepFrom;
    return this.fresh(found);
  }

  finish(): ParsedCitation[] {
    return this.fresh(parseCitations(this.pieces.join('')));
  }

  private fresh(found: ParsedCitation[]): ParsedCitation[] {
    const out: ParsedCitation[] = [];
    for (const c of found) {
      const key = c.kind === 'source' ? `${c.offset}#${c.sourceIndex}` : `${c.offset}@`;
      if (this.emitted.has(key)) continue;
      this.emitted.add(key);
      out.push(c);
    }
    return out;
  }

  /** Follows line starts through `delta` (at offset `base`); each completed line may be a fence. */
  private readLines(delta: string, base: number): void {
    let pos = 0;
    for (;;) {
      const nl = delta.indexOf('\n', pos);
      if (this.lineHead.length < LINE_HEAD_CHARS) this.lineHead += delta.slice(pos, Math.min(nl < 0 ? delta.length : nl, pos + LINE_HEAD_CHARS - this.lineHead.length));
      if (nl < 0) return;
      const m = FENCE_LINE.exec(this.lineHead);
      if (m) {
        if (!this.openFence) this.openFence = { at: this.lineStart, fence: m[1] };
        else if (m[1][0] === this.openFence.fence[0] && m[1].length >= this.openFence.fence.length) {
          this.fences.push([this.openFence.at, this.lineStart + m[0].length]);
          this.openFence = undefined;
        }
      }
      this.lineStart = base + nl + 1;
      this.lineHead = '';
      pos = nl + 1;
    }
  }
}
