// What an index holds, for `status` and the status bar.
import type * as lancedb from '@lancedb/lancedb';
import { directoryBytes } from './diskUsage.js';

export interface StoreStats {
  files: number;
  skippedTotal: number;
  skippedByReason: Record<string, number>;
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

export async function readStoreStats(tables: { chunks: lancedb.Table; files: lancedb.Table; meta: lancedb.Table } | undefined, dir: string): Promise<StoreStats> {
  const stats: StoreStats = {
    files: 0, skippedTotal: 0, skippedByReason: {}, chunks: 0, chunksWithVectors: 0, languages: {},
    embedderId: 'none', dimension: 0, diskBytes: await directoryBytes(dir), updatedAt: null,
  };
  if (!tables) return stats;
  const meta = new Map((await tables.meta.query().toArray()).map((r) => [r.key as string, r.value as string]));
  stats.embedderId = meta.get('embedderId') ?? 'none';
  stats.dimension = Number(meta.get('dimension') ?? 0);
  stats.updatedAt = meta.get('updatedAt') ?? null;
  if (meta.has('selfTuning')) stats.selfTuning = meta.get('selfTuning');
  const rows = await tables.files.query().select(['status', 'skip_reason', 'language']).toArray();
  for (const r of rows) {
    if (r.status === 'skipped') {
      stats.skippedTotal++;
      stats.skippedByReason[r.skip_reason] = (stats.skippedByReason[r.skip_reason] ?? 0) + 1;
    } else {
      stats.files++;
      stats.languages[r.language] = (stats.languages[r.language] ?? 0) + 1;
    }
  }
  stats.chunks = await tables.chunks.countRows();
  if (stats.dimension > 0) stats.chunksWithVectors = await tables.chunks.countRows('vector IS NOT NULL');
  return stats;
}
