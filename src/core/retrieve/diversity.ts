// Composition of the ranked list: identical content collapsed (all locations kept) and a cap on
// chunks per file so one file cannot crowd out the rest.
import { followsCode } from '../scan/contentKind.js';
import type { RetrievedChunk } from './types.js';

export function collapseIdentical(chunks: RetrievedChunk[]): RetrievedChunk[] {
  const byHash = new Map<string, RetrievedChunk>();
  const out: RetrievedChunk[] = [];
  for (const c of chunks) {
    const first = byHash.get(c.contentHash);
    if (first) first.otherLocations.push({ path: c.path, startLine: c.startLine, endLine: c.endLine });
    else {
      byHash.set(c.contentHash, c);
      out.push(c);
    }
  }
  return out;
}

/** Chunks past `maxPerFile` for a file move behind every other file's chunks (not dropped). */
export function capPerFile(chunks: RetrievedChunk[], maxPerFile: number): RetrievedChunk[] {
  const seen = new Map<string, number>();
  const head: RetrievedChunk[] = [];
  const tail: RetrievedChunk[] = [];
  for (const c of chunks) {
    const n = (seen.get(c.path) ?? 0) + 1;
    seen.set(c.path, n);
    (n <= maxPerFile ? head : tail).push(c);
  }
  return [...head, ...tail];
}

/**
 * Code first: docs and data chunks keep their order among themselves, but at most `per10` of
 * every ten results are theirs while code results remain; the rest follow the code.
 */
export function codeFirst(chunks: RetrievedChunk[], per10: number): RetrievedChunk[] {
  if (per10 >= 10) return chunks;
  const code = chunks.filter((c) => !followsCode(c.contentKind));
  const other = chunks.filter((c) => followsCode(c.contentKind));
  const out: RetrievedChunk[] = [];
  let ci = 0;
  let oi = 0;
  while (ci < code.length || oi < other.length) {
    const allowed = Math.ceil(((out.length + 1) * per10) / 10);
    const otherTurn = oi < other.length && (ci >= code.length || (oi < allowed && other[oi].score >= code[ci].score));
    out.push(otherTurn ? other[oi++] : code[ci++]);
  }
  return out;
}

/** Keeps results scoring at least `fraction` of the best one, but never fewer than `min`. */
export function relativeCutoff(chunks: RetrievedChunk[], fraction: number, min: number): RetrievedChunk[] {
  if (chunks.length === 0 || fraction <= 0) return chunks;
  const floor = chunks[0].score * fraction;
  const keep = chunks.filter((c, i) => i < min || c.score >= floor);
  return keep;
}
