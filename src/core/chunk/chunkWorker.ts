// Worker thread: parses and chunks files so that tree-sitter never runs on the caller's thread;
// asked for rows, it also bounds the chunks and builds their store rows (hashes, identifier
// splitting) here.
import { parentPort } from 'node:worker_threads';
import type { ChunkRow } from '../store/schema.js';
import type { Chunk } from '../types.js';
import { boundChunks } from './boundChunks.js';
import { chunkFile, type ChunkInput, type ChunkOptions } from './chunkFile.js';
import { toChunkRows } from './chunkRows.js';

export interface ChunkRequest {
  id: number;
  input: ChunkInput;
  options: ChunkOptions;
  /** Reply with store rows (chunks bounded in size) instead of chunks. */
  rows?: boolean;
}

export type ChunkReply =
  | { id: number; ok: true; chunks?: Chunk[]; rows?: ChunkRow[]; chunkCount: number; fallback?: string }
  | { id: number; ok: false; error: string };

parentPort?.on('message', (req: ChunkRequest) => {
  chunkFile(req.input, req.options).then(
    (out) => parentPort?.postMessage({
      id: req.id, ok: true, fallback: out.fallback, chunkCount: out.chunks.length,
      ...(req.rows ? { rows: toChunkRows(boundChunks(out.chunks)) } : { chunks: out.chunks }),
    } satisfies ChunkReply),
    (err: unknown) => parentPort?.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ChunkReply),
  );
});
