// Near-duplicate collapse: copies of the same code (vendored files, per-framework adapters,
// generated variants) should take one slot, not five. With vectors the test is cosine
// similarity; without, Jaccard similarity of token shingles. The most recently modified copy
// is kept and the others are listed as its other locations.
import type { RetrievedChunk } from './types.js';

export interface NearDuplicateOptions {
  /** Chunk id → unit vector; when both chunks have one, cosine decides. */
  vectors?: Map<string, Float32Array>;
  /** Cosine at or above this counts as a duplicate. */
  cosineThreshold?: number;
  /** Shingle Jaccard at or above this counts as a duplicate. */
  jaccardThreshold?: number;
  /** File path → mtime (ms): the newest copy of a group is kept. */
  mtimes?: Map<string, number>;
}

/** 0.95 cosine: above it two chunks differ by renames or whitespace at most (for sentence models). */
export const NEAR_DUPLICATE_COSINE = 0.95;
/** 0.8 Jaccard of 3-token shingles: the same function with a line or two changed. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
const SHINGLE = 3;
/** Chunks shorter than this many tokens are too small to call duplicates (a `}` or an import). */
const MIN_TOKENS = 12;

/** Hashed 3-token shingles of a text's code tokens (identifiers, numbers, operators). */
export function shingles(text: string): Set<number> {
  const tokens = text.match(/[\p{L}\p{N}_$]+|[^\s\p{L}\p{N}_$]/gu) ?? [];
  const out = new Set<number>();
  if (tokens.length < MIN_TOKENS) return out;
  const h = tokens.map(hash32);
  for (let i = 0; i + SHINGLE <= h.length; i++) out.add((Math.imul(h[i], 0x9e3779b1) ^ Math.imul(h[i + 1], 0x85ebca6b) ^ h[i + 2]) >>> 0);
  return out;
}

/** Bottom-k sketch (the k smallest shingle hashes): a cheap Jaccard estimate before the exact one. */
const SKETCH = 24;
function sketch(s: Set<number>): number[] {
  return [...s].sort((a, b) => a - b).slice(0, SKETCH);
}

/** Estimated Jaccard from two sorted bottom-k sketches: shared share of the k smallest of the union. */
function sketchSimilarity(a: number[], b: number[]): number {
  let i = 0;
  let j = 0;
  let seen = 0;
  let both = 0;
  while (seen < SKETCH && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      both++;
      i++;
      j++;
    }
    seen++;
  }
  return seen === 0 ? 0 : both / seen;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Groups of near-duplicates as indexes into `chunks`, in order of each group's first member. */
export function nearDuplicateGroups(chunks: RetrievedChunk[], o: NearDuplicateOptions = {}): number[][] {
  const cosT = o.cosineThreshold ?? NEAR_DUPLICATE_COSINE;
  const jacT = o.jaccardThreshold ?? NEAR_DUPLICATE_JACCARD;
  // Shingles are built lazily: most pairs are ruled out by their text lengths alone.
  const sh: (Set<number> | undefined)[] = new Array(chunks.length);
  const sk: (number[] | undefined)[] = new Array(chunks.length);
  const group = chunks.map((_, i) => i);
  for (let i = 0; i < chunks.length; i++) {
    if (group[i] !== i) continue;
    for (let j = i + 1; j < chunks.length; j++) {
      if (group[j] !== j) continue;
      const va = o.vectors?.get(chunks[i].id);
      const vb = o.vectors?.get(chunks[j].id);
      let same: boolean;
      if (va && vb) same = cosine(va, vb) >= cosT;
      else {
        // Length ratio bounds Jaccard from above: skip pairs that can never reach the threshold.
        const [la, lb] = [chunks[i].text.length, chunks[j].text.length];
        if (Math.min(la, lb) < (jacT - 0.2) * Math.max(la, lb)) continue;
        const a = (sh[i] ??= shingles(chunks[i].text));
        const b = (sh[j] ??= shingles(chunks[j].text));
        // Exact Jaccard only for pairs the size bound and the sketch do not rule out (0.2 below the threshold).
        same = Math.min(a.size, b.size) >= jacT * Math.max(a.size, b.size) &&
          sketchSimilarity((sk[i] ??= sketch(a)), (sk[j] ??= sketch(b))) >= jacT - 0.2 && jaccard(a, b) >= jacT;
      }
      if (same) group[j] = i;
    }
  }
  const groups = new Map<number, number[]>();
  group.forEach((g, i) => groups.set(g, [...(groups.get(g) ?? []), i]));
  return [...groups.values()];
}

/**
 * Collapses each group to one chunk at the group's best rank: the copy in the most recently
 * modified file (the best-ranked one on a tie), with the other copies in `otherLocations`.
 */
export function collapseNearDuplicates(chunks: RetrievedChunk[], o: NearDuplicateOptions = {}): RetrievedChunk[] {
  const out: RetrievedChunk[] = [];
  for (const g of nearDuplicateGroups(chunks, o)) {
    if (g.length === 1) {
      out.push(chunks[g[0]]);
      continue;
    }
    const mtime = (i: number) => o.mtimes?.get(chunks[i].path) ?? -Infinity;
    const keep = g.reduce((best, i) => (mtime(i) > mtime(best) ? i : best), g[0]);
    const kept = chunks[keep];
    const others = g.filter((i) => i !== keep).flatMap((i) => [
      { path: chunks[i].path, startLine: chunks[i].startLine, endLine: chunks[i].endLine },
      ...chunks[i].otherLocations,
    ]);
    out.push({ ...kept, score: chunks[g[0]].score, otherLocations: [...kept.otherLocations, ...others], nearDuplicates: g.length - 1 });
  }
  return out;
}

/** FNV-1a, 32-bit. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
