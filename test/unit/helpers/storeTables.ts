// What tests and benchmarks read or write beside the product's IndexStore API: samples of the
// chunks table, its version count, one-file writes. The table is the store's current one, found
// by the name in `contentVersion()` (`chunks_g2@7`), opened through a connection of its own.
import '../../../src/core/store/lanceEnv.js';
import * as lancedb from '@lancedb/lancedb';
import type { IndexStore } from '../../../src/core/store/indexStore.js';
import type { ChunkRow, FileRow } from '../../../src/core/store/schema.js';

const CHUNK_COLUMNS = ['id', 'path', 'root', 'start_line', 'end_line', 'language', 'kind', 'content_kind', 'symbol', 'parents', 'content_hash', 'file_hash', 'text'];

/** Runs `use` on the store's current chunks table, then closes the connection. */
export async function withChunksTable<T>(store: IndexStore, use: (table: lancedb.Table) => Promise<T>): Promise<T> {
  const name = (await store.contentVersion()).split('@')[0];
  const db = await lancedb.connect(store.dir, { readConsistencyInterval: 0 });
  try {
    return await use(await db.openTable(name));
  } finally {
    db.close();
  }
}

/** Up to `limit` chunks of any files, without their search fields. */
export async function sampleChunks(store: IndexStore, limit: number): Promise<ChunkRow[]> {
  const rows = await withChunksTable(store, (t) => t.query().select(CHUNK_COLUMNS).limit(limit).toArray());
  return rows.map((r) => ({
    id: r.id, path: r.path, root: r.root, file_hash: r.file_hash, start_line: r.start_line, end_line: r.end_line, language: r.language, kind: r.kind,
    content_kind: r.content_kind, symbol: r.symbol, parents: r.parents, content_hash: r.content_hash, text: r.text, idents: '', prose: '',
  }));
}

/** Stored versions of the chunks table (each write makes one). */
export async function chunkVersionCount(store: IndexStore): Promise<number> {
  return withChunksTable(store, async (t) => (await t.listVersions()).length);
}

/** Replaces one file's chunks in one commit and upserts its files row. */
export function replaceFile(store: IndexStore, file: FileRow, chunks: ChunkRow[]): Promise<void> {
  return store.replaceFiles([{ file, chunks }]);
}
