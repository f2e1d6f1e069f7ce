// Fixed line windows: the fallback for data files, unknown text and nodes with no useful children.
import type { ChunkKind } from '../types.js';

export interface Segment {
  /** 0-based, inclusive. */
  start: number;
  end: number;
  kind: ChunkKind;
  symbol: string;
  parents: string[];
  isDeclaration: boolean;
  /** Set on a group of merged small siblings: it may keep absorbing small neighbours. */
  mergedGroup?: boolean;
}

export function lineWindows(start: number, end: number, size: number, overlap: number, base: Omit<Segment, 'start' | 'end'>): Segment[] {
  const out: Segment[] = [];
  const step = Math.max(1, size - overlap);
  for (let s = start; s <= end; s += step) {
    const e = Math.min(end, s + size - 1);
    out.push({ ...base, start: s, end: e });
    if (e === end) break;
  }
  return out;
}
