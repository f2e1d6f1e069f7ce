// What an index holds, for `status` and the status bar.
import type * as lancedb from '@lancedb/lancedb';
import { directoryBytes } from './diskUsage.js';

export interface StoreStats {
  files: number;
  skippedTotal: number;
  skippedByReason: Record<string, number>;
  /** Skipped files by name (at most SKIPPED_LISTED per reason) with what excluded each, e.g. the ignore rule. */
  skippedFiles: Array<{ path: string; reason: string; detail: string }>;
  chunks: number;
  chunksWithVectors: number;
  languages: Record<string, number>;
  embedderId: string;
  dimension: number;
  diskBytes: number;
  updatedAt: string | null;
  /** The saved self-evaluation report (JSON, written by core/tune), when one was made. */
  selfTuning?: string;
  /** Read checks that failed (only when asked for, e.g. by `status`); empty when healthy. */
  problems?: string[];
}

/** Skipped files named per reason; a vendored tree can skip thousands, and a count says the rest. */
export const SKIPPED_LISTED = 200;

export async function readStoreStats(tables: { chunks: lancedb.Table; files: lancedb.Table; meta: lancedb.Table } | undefined, dir: string): Promise<StoreStats> {
  const stats: StoreStats = {
    files: 0, skippedTotal: 0, skippedByReason: {}, skippedFiles: [], chunks: 0, chunksWithVectors: 0, languages: {},
    embedderId: 'none', dimension: 0, diskBytes: await directoryBytes(dir), updatedAt: null,
  };
  if (!tables) return stats;
  const meta = new Map((await tables.meta.query().toArray()).map((r) => [r.key as string, r.value as string]));
  stats.embedderId = meta.get('embedderId') ?? 'none';
  stats.dimension = Number(meta.get('dimension') ?? 0);
  stats.updatedAt = meta.get('updatedAt') ?? null;
  if (meta.has('selfTuning')) stats.selfTuning = meta.get('selfTuning');
  const rows = await tables.files.query().select(['path', 'status', 'skip_reason', 'skip_detail', 'language']).toArray();
  for (const r of rows) {
    if (r.status === 'skipped') {
      stats.skippedTotal++;
      const n = (stats.skippedByReason[r.skip_reason] = (stats.skippedByReason[r.skip_reason] ?? 0) + 1);
      if (n <= SKIPPED_LISTED) stats.skippedFiles.push({ path: r.path, reason: r.skip_reason, detail: r.skip_detail ?? '' });
    } else {
      stats.files++;
      stats.languages[r.language] = (stats.languages[r.language] ?? 0) + 1;
    }
  }
  stats.chunks = await tables.chunks.countRows();
  if (stats.dimension > 0) stats.chunksWithVectors = await tables.chunks.countRows('vector IS NOT NULL');
  return stats;
}
