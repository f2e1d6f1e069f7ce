// Gives every stored chunk a vector: reuses vectors of identical content, embeds the rest in
// batches. Resumable by construction: it works from "chunks without a vector" in the store.
import type { Embedder } from '../embed/embedder.js';
import type { IndexStore } from '../store/indexStore.js';
import type { ProgressEvent } from '../types.js';
import type { PauseGate } from './pauseGate.js';
import { rowEmbeddingText } from './rows.js';

/** Rows fetched per round; each round is one store read and one vector write. */
const ROUND_ROWS = 1_024;

export async function embedMissingVectors(
  store: IndexStore,
  embedder: Embedder,
  options: { signal?: AbortSignal; gate?: PauseGate; onProgress?: (e: Omit<ProgressEvent, 'chunksPerSecond' | 'etaSeconds'>) => void },
): Promise<{ embedded: number; reused: number }> {
  const total = await store.countChunksMissingVectors();
  let embedded = 0;
  let reused = 0;
  while (!options.signal?.aborted) {
    await options.gate?.wait(options.signal);
    const rows = await store.chunksMissingVectors(ROUND_ROWS);
    if (rows.length === 0) break;
    const known = await store.vectorsByContentHash([...new Set(rows.map((r) => r.content_hash))]);
    const toEmbed = new Map<string, string>(); // content hash → text, so identical content is embedded once
    for (const r of rows) if (!known.has(r.content_hash) && !toEmbed.has(r.content_hash)) toEmbed.set(r.content_hash, embedder.documentPrefix + rowEmbeddingText(r));
    const hashes = [...toEmbed.keys()];
    const vectors = await embedder.embed([...toEmbed.values()], options.signal);
    hashes.forEach((h, i) => known.set(h, vectors[i]));
    embedded += hashes.length;
    reused += rows.length - hashes.length;
    await store.setVectors(rows.map((r) => ({ id: r.id, vector: known.get(r.content_hash)! })));
    options.onProgress?.({ phase: 'embed', filesDone: embedded + reused, filesTotal: total, chunksDone: embedded + reused });
  }
  return { embedded, reused };
}
