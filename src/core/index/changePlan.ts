// Decides per file what the index must do, cheapest check first: size+mtime, then content hash.

export interface KnownFile {
  size: number;
  mtimeMs: number;
  contentHash: string;
  status: string;
  chunkCount?: number;
}

export type FileDecision = 'unchanged' | 'touched' | 'changed' | 'new';

/** Stat-level decision; 'maybe-changed' files are read and hashed before deciding. */
export function statDecision(known: KnownFile | undefined, size: number, mtimeMs: number): 'unchanged' | 'maybe-changed' | 'new' {
  if (!known) return 'new';
  if (known.status !== 'indexed' && known.status !== 'pending-embed') return 'maybe-changed';
  return known.size === size && Math.trunc(known.mtimeMs) === Math.trunc(mtimeMs) ? 'unchanged' : 'maybe-changed';
}

/** After hashing: same hash means only the stat changed (a touch, a checkout of the same content). */
export function hashDecision(known: KnownFile | undefined, contentHash: string): FileDecision {
  if (!known) return 'new';
  if (known.contentHash === contentHash && (known.status === 'indexed' || known.status === 'pending-embed')) return 'touched';
  return 'changed';
}
