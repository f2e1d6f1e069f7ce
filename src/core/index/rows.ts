// Turns chunks and scanned files into store rows.
import { embeddingText } from '../chunk/embeddingText.js';
import { contentKindOf } from '../scan/contentKind.js';
import { pathTokens, proseWords, splitIdentifiers } from '../store/identifiers.js';
import type { ChunkRow, FileRow, FileStatus } from '../store/schema.js';
import { hashText } from '../textHash.js';
import type { Chunk, ScannedFile, SkipReason } from '../types.js';

export interface PendingFile {
  file: FileRow;
  chunks: ChunkRow[];
}

export function toChunkRows(chunks: Chunk[]): ChunkRow[] {
  return chunks.map((c) => {
    const content_hash = hashText(c.text);
    return {
      id: hashText(`${c.path}\n${c.startLine}\n${c.endLine}\n${content_hash}`).slice(0, 32),
      path: c.path,
      start_line: c.startLine,
      end_line: c.endLine,
      language: c.language,
      kind: c.kind,
      symbol: c.symbol,
      parents: c.parents.join(' › '),
      content_hash,
      text: c.text,
      ...searchFields(c),
    };
  });
}

/**
 * What the full-text indexes see of a chunk: exact identifier tokens (path and enclosing symbols
 * too, so "parse config" finds parseConfig.ts), plain words for the stemmed field, and the kind
 * of its file.
 */
export function searchFields(c: Pick<Chunk, 'path' | 'parents' | 'symbol' | 'text'>): Pick<ChunkRow, 'idents' | 'prose' | 'content_kind'> {
  return {
    idents: `${pathTokens(c.path)} ${splitIdentifiers(c.parents.join(' '))} ${splitIdentifiers(c.symbol)} ${splitIdentifiers(c.text)}`,
    prose: proseWords(`${c.path.replace(/[/\\.]/g, ' ')} ${c.parents.join(' ')} ${c.symbol} ${c.text}`),
    content_kind: contentKindOf(c.path),
  };
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
