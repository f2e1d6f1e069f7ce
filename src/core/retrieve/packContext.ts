// Small-to-big packing: the ranked hits go into a token budget first as they are, then, while
// budget remains, each hit (best first) grows to its enclosing declaration or, when that is too
// big, takes in the neighbouring chunks of its file. The budget is never exceeded; every packed
// range carries exact text for its 1-based inclusive lines and that text's hash.
import { createHash } from 'node:crypto';
import { estimateTokens } from '../tokenEstimate.js';
import type { ChunkRow } from '../store/schema.js';
import type { IndexStore } from '../store/indexStore.js';
import { hashText } from '../textHash.js';
import type { Location, RetrievalResult, RetrievedChunk } from './types.js';

export interface PackOptions {
  budgetTokens: number;
  /** Grow hits to their enclosing symbol / neighbouring chunks when budget allows (default true). */
  grow?: boolean;
  /** Neighbouring chunks added at most per hit when the enclosing symbol does not fit. */
  maxNeighbours?: number;
  /**
   * Reads a file's bytes by its index path. Chunks leave out blank lines and closing braces between
   * declarations; with a reader, those lines are filled in from the file when it is unchanged since
   * indexing (same content hash), so a hit can grow across them.
   */
  readFile?: (path: string) => Promise<Uint8Array | undefined>;
}

export type Growth = 'none' | 'symbol' | 'neighbours';

export interface PackedChunk extends Location {
  symbol: string;
  text: string;
  contentHash: string;
  score: number;
  signals: RetrievedChunk['signals'];
  /** The retrieved hits this range holds, best first. */
  hits: Location[];
  growth: Growth;
  otherLocations: Location[];
}

export interface PackedContext {
  chunks: PackedChunk[];
  usedTokens: number;
  budgetTokens: number;
  /** Hits that did not fit the budget at all. */
  omitted: number;
}

interface Item {
  hit: RetrievedChunk;
  path: string;
  start: number;
  end: number;
  symbol: string;
  text: string;
  tokens: number;
  growth: Growth;
  hits: Location[];
}

/** Line number → text of that line, from a file's stored chunks (which may overlap or leave gaps). */
export function fileLines(chunks: Pick<ChunkRow, 'start_line' | 'end_line' | 'text'>[]): Map<number, string> {
  const lines = new Map<number, string>();
  for (const c of chunks) {
    const parts = c.text.split('\n');
    if (parts.length !== c.end_line - c.start_line + 1) continue; // not exact line text: unusable
    parts.forEach((t, i) => lines.set(c.start_line + i, t));
  }
  return lines;
}

/** Exact text of lines start..end, or undefined when some line is not known. */
function rangeText(lines: Map<number, string>, start: number, end: number): string | undefined {
  const out: string[] = [];
  for (let n = start; n <= end; n++) {
    const t = lines.get(n);
    if (t === undefined) return undefined;
    out.push(t);
  }
  return out.join('\n');
}

/**
 * The enclosing declaration of a hit, as a line range: the chunk naming the hit's innermost parent
 * together with all chunks nested under that parent. Undefined for top-level hits.
 */
export function enclosingRange(hit: Pick<RetrievedChunk, 'parents' | 'startLine' | 'endLine'>, fileChunks: ChunkRow[]): { start: number; end: number; symbol: string } | undefined {
  if (hit.parents.length === 0) return undefined;
  const parentPath = hit.parents.join(' › ');
  const outer = hit.parents.slice(0, -1).join(' › ');
  const parentName = hit.parents[hit.parents.length - 1];
  const members = fileChunks.filter((c) => c.parents === parentPath || c.parents.startsWith(parentPath + ' › ') || (c.symbol === parentName && c.parents === outer));
  if (members.length === 0) return undefined;
  return { start: Math.min(hit.startLine, ...members.map((c) => c.start_line)), end: Math.max(hit.endLine, ...members.map((c) => c.end_line)), symbol: parentName };
}

export async function packContext(result: RetrievalResult, store: IndexStore, options: PackOptions): Promise<PackedContext> {
  const budget = Math.max(0, Math.floor(options.budgetTokens));
  const maxNeighbours = options.maxNeighbours ?? 2;
  let used = 0;
  let omitted = 0;
  const items: Item[] = [];
  for (const hit of result.chunks) {
    const inside = items.find((it) => it.path === hit.path && it.start <= hit.startLine && hit.endLine <= it.end);
    if (inside) {
      inside.hits.push(loc(hit));
      continue;
    }
    const tokens = estimateTokens(hit.text);
    if (used + tokens > budget) {
      omitted++;
      continue;
    }
    used += tokens;
    items.push({ hit, path: hit.path, start: hit.startLine, end: hit.endLine, symbol: hit.symbol, text: hit.text, tokens, growth: 'none', hits: [loc(hit)] });
  }

  const files = new Map<string, { rows: ChunkRow[]; lines: Map<number, string> }>();
  const fileOf = async (p: string) => {
    let f = files.get(p);
    if (!f) {
      const rows = await store.chunksOfFile(p);
      f = { rows, lines: fileLines(rows) };
      if (options.readFile && rows.length > 0) await fillGaps(f.lines, rows[0].file_hash, () => options.readFile!(p));
      files.set(p, f);
    }
    return f;
  };
  if (options.grow !== false && used < budget) {
    for (const it of items) {
      if (used >= budget) break;
      const f = await fileOf(it.path);
      const tryRange = (start: number, end: number): boolean => {
        const text = rangeText(f.lines, start, end);
        if (text === undefined) return false;
        const tokens = estimateTokens(text);
        if (used - it.tokens + tokens > budget) return false;
        used += tokens - it.tokens;
        Object.assign(it, { start, end, text, tokens });
        return true;
      };
      const enclosing = enclosingRange(it.hit, f.rows);
      if (enclosing && (enclosing.start < it.start || enclosing.end > it.end) && tryRange(enclosing.start, enclosing.end)) {
        it.growth = 'symbol';
        it.symbol = enclosing.symbol;
        continue;
      }
      // Neighbours: the chunks just before and after the current range, alternately.
      for (let added = 0; added < maxNeighbours; ) {
        const before = f.rows.filter((c) => c.end_line < it.start).sort((a, b) => b.end_line - a.end_line)[0];
        const after = f.rows.filter((c) => c.start_line > it.end).sort((a, b) => a.start_line - b.start_line)[0];
        let grew = false;
        for (const n of added % 2 === 0 ? [after, before] : [before, after]) {
          if (n && added < maxNeighbours && tryRange(Math.min(it.start, n.start_line), Math.max(it.end, n.end_line))) {
            it.growth = 'neighbours';
            added++;
            grew = true;
          }
        }
        if (!grew) break;
      }
    }
  }

  // Ranges of one file that now touch or overlap become one (its best hit's rank and evidence).
  const merged: Item[] = [];
  for (const it of items) {
    const other = merged.find((m) => m.path === it.path && it.start <= m.end + 1 && m.start <= it.end + 1);
    if (!other) {
      merged.push(it);
      continue;
    }
    const start = Math.min(other.start, it.start);
    const end = Math.max(other.end, it.end);
    const text = joinKnown(other, it) ?? rangeText((await fileOf(it.path)).lines, start, end);
    const delta = text === undefined ? 0 : estimateTokens(text) - other.tokens - it.tokens;
    if (text === undefined || used + delta > budget) {
      merged.push(it);
      continue;
    }
    used += delta;
    Object.assign(other, { start, end, text, tokens: estimateTokens(text), hits: [...other.hits, ...it.hits] });
  }
  return {
    chunks: merged.map((it) => ({
      path: it.path, startLine: it.start, endLine: it.end, symbol: it.symbol, text: it.text, contentHash: hashText(it.text),
      score: it.hit.score, signals: it.hit.signals, hits: it.hits, growth: it.growth, otherLocations: it.hit.otherLocations,
    })),
    usedTokens: used,
    budgetTokens: budget,
    omitted,
  };
}

/** Fills `lines` from the file itself when its bytes still hash to what was indexed. */
async function fillGaps(lines: Map<number, string>, fileHash: string | undefined, read: () => Promise<Uint8Array | undefined>): Promise<void> {
  const bytes = await read().catch(() => undefined);
  if (!bytes || !fileHash || createHash('sha256').update(bytes).digest('hex') !== fileHash) return;
  new TextDecoder().decode(bytes).split(/\r?\n/).forEach((t, i) => {
    if (!lines.has(i + 1)) lines.set(i + 1, t);
  });
}

/** Two item texts joined when they overlap or touch exactly (no stored chunks needed). */
function joinKnown(a: Item, b: Item): string | undefined {
  const lines = new Map<number, string>();
  for (const it of [a, b]) it.text.split('\n').forEach((t, i) => lines.set(it.start + i, t));
  return rangeText(lines, Math.min(a.start, b.start), Math.max(a.end, b.end));
}

function loc(c: Location): Location {
  return { path: c.path, startLine: c.startLine, endLine: c.endLine };
}
