// Turns scanned files into store rows (chunk rows are built beside the chunker, chunk/chunkRows.ts).
import { embeddingText } from '../chunk/embeddingText.js';
import type { ChunkRow, FileRow, FileStatus } from '../store/schema.js';
import type { ScannedFile, SkipReason } from '../types.js';

export interface PendingFile {
  file: FileRow;
  chunks: ChunkRow[];
}

/** The text a chunk row is embedded as (context header + code). */
export function rowEmbeddingText(row: Pick<ChunkRow, 'path' | 'parents' | 'symbol' | 'text'>): string {
  return embeddingText({ path: row.path, parents: row.parents ? row.parents.split(' › ') : [], symbol: row.symbol, text: row.text });
}

export function indexedFileRow(storePath: string, file: ScannedFile, contentHash: string, chunkCount: number, status: FileStatus = 'indexed'): FileRow {
  return {
    path: storePath, size: file.size, mtime_ms: file.mtimeMs, content_hash: contentHash, language: file.language,
    indexed_at: Date.now(), status, skip_reason: '', skip_detail: '', chunk_count: chunkCount,
  };
}

export function skippedFileRow(storePath: string, reason: SkipReason, detail: string): FileRow {
  return {
    path: storePath, size: 0, mtime_ms: 0, content_hash: '', language: '', indexed_at: Date.now(), status: 'skipped',
    skip_reason: reason, skip_detail: detail, chunk_count: 0,
  };
}
