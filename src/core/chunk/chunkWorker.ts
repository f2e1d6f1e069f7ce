// Worker thread: parses and chunks files so that tree-sitter never runs on the caller's thread.
import { parentPort } from 'node:worker_threads';
import { chunkFile, type ChunkInput, type ChunkOptions } from './chunkFile.js';

export interface ChunkRequest {
  id: number;
  input: ChunkInput;
  options: ChunkOptions;
}

export type ChunkReply = { id: number; ok: true; chunks: import('../types.js').Chunk[]; fallback?: string } | { id: number; ok: false; error: string };

parentPort?.on('message', (req: ChunkRequest) => {
  chunkFile(req.input, req.options).then(
    (out) => parentPort?.postMessage({ id: req.id, ok: true, chunks: out.chunks, fallback: out.fallback } satisfies ChunkReply),
    (err: unknown) => parentPort?.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ChunkReply),
  );
});
