// The index on disk: LanceDB tables for chunks (text, identifier tokens, vectors), files and meta.
import fs from 'node:fs/promises';
import * as lancedb from '@lancedb/lancedb';
import { AskCodebaseError } from '../types.js';
import { chunkSchema, fileSchema, metaSchema, SCHEMA_VERSION, type ChunkRow, type FileRow } from './schema.js';
import { sqlIn, sqlString } from './sqlText.js';
import { splitIdentifiers } from './identifiers.js';
import { directoryBytes, sweepTempFiles } from './diskUsage.js';
import { readStoreStats, type StoreStats } from './storeStats.js';

export interface StoreIdentity {
  embedderId: string;
  dimension: number;
  /** Chunker version and settings; chunks cut differently are not comparable, so a change rebuilds. */
  chunking?: string;
}

export interface StoreOptions {
  /** Old table versions younger than this survive cleanup (a reader may still use them). */
  cleanupGraceMs?: number;
}

export interface ChunkHit extends ChunkRow {
  /** BM25 score for keyword hits, cosine similarity for vector hits. */
  score: number;
}

const CHUNK_COLUMNS = ['id', 'path', 'start_line', 'end_line', 'language', 'kind', 'symbol', 'parents', 'content_hash', 'text'];
/** Identifier tokens weigh double: on the dev set idents:text 2:1 beat 1:1 (MRR +0.02). */
const FTS_BOOSTS = [2, 1];
/** Keep FTS queries bounded: 64 terms kept p95 under 40 ms at 50k rows. */
const MAX_QUERY_TERMS = 64;
/** Brute-force cosine search stays under ~20 ms below these row counts (shared/notes/lancedb.md). */
const VECTOR_INDEX_MIN_ROWS = (dimension: number) => (dimension <= 128 ? 50_000 : 20_000);
/** Old versions are kept this long so a reader mid-query never loses its files. */
const CLEANUP_GRACE_MS = 60_000;
/** LanceDB filters become slow and huge past a few thousand IN-list values. */
const IN_LIST_CHUNK = 500;

const ftsConfig = () =>
  lancedb.Index.fts({ baseTokenizer: 'simple', stem: false, removeStopWords: false, lowercase: true, asciiFolding: true, maxTokenLength: 80, withPosition: false });

export class IndexStore {
  private constructor(
    readonly dir: string,
    private readonly db: lancedb.Connection,
    private readonly chunks: lancedb.Table,
    private readonly files: lancedb.Table,
    private readonly meta: lancedb.Table,
    readonly identity: StoreIdentity,
    /** Set when an existing index was discarded (other model or schema); announce it. */
    readonly rebuildReason: string | undefined,
    private readonly cleanupGraceMs: number,
  ) {}

  static async open(dir: string, identity: StoreIdentity, options: StoreOptions = {}): Promise<IndexStore> {
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.access(dir, fs.constants.W_OK);
    } catch (err) {
      throw new AskCodebaseError('index-dir-unwritable', `The index folder ${dir} cannot be written: ${(err as Error).message}`, { cause: err });
    }
    await sweepTempFiles(dir, CLEANUP_GRACE_MS);
    const db = await lancedb.connect(dir, { readConsistencyInterval: 0 });
    const names = new Set(await db.tableNames());
    let rebuildReason: string | undefined;
    if (names.has('meta')) {
      const found = await readMeta(await db.openTable('meta')).catch(() => undefined);
      rebuildReason = mismatch(found, identity);
      if (rebuildReason) for (const name of ['chunks', 'files', 'meta']) if (names.has(name)) await db.dropTable(name);
    } else if (names.size > 0) {
      rebuildReason = 'the index was incomplete';
      for (const name of names) await db.dropTable(name);
    }
    const chunks = await db.createEmptyTable('chunks', chunkSchema(identity.dimension), { existOk: true });
    const files = await db.createEmptyTable('files', fileSchema, { existOk: true });
    const meta = await db.createEmptyTable('meta', metaSchema, { existOk: true });
    if ((await meta.countRows()) === 0 || rebuildReason) {
      const now = new Date().toISOString();
      await meta.add([
        { key: 'schemaVersion', value: String(SCHEMA_VERSION) },
        { key: 'embedderId', value: identity.embedderId },
        { key: 'dimension', value: String(identity.dimension) },
        { key: 'chunking', value: identity.chunking ?? '' },
        { key: 'createdAt', value: now },
        { key: 'updatedAt', value: now },
      ]);
    }
    return new IndexStore(dir, db, chunks, files, meta, identity, rebuildReason, options.cleanupGraceMs ?? CLEANUP_GRACE_MS);
  }

  /** Opens an existing index as it was built (never rebuilds): for search and status. */
  static async openExisting(dir: string): Promise<IndexStore> {
    let found: Map<string, string> | undefined;
    try {
      const db = await lancedb.connect(dir);
      if ((await db.tableNames()).includes('meta')) found = await readMeta(await db.openTable('meta'));
      db.close();
    } catch (err) {
      throw new AskCodebaseError('no-index', `No readable index at ${dir}: ${(err as Error).message}`, { cause: err });
    }
    if (!found || found.size === 0) throw new AskCodebaseError('no-index', `No index at ${dir}. Build one with: ask-codebase index <folder> --db ${dir}`);
    return IndexStore.open(dir, { embedderId: found.get('embedderId') ?? 'none', dimension: Number(found.get('dimension') ?? 0), chunking: found.get('chunking') ?? '' });
  }

  /** Stats for `status` without taking part in writing. */
  static async readStats(dir: string): Promise<StoreStats> {
    const db = await lancedb.connect(dir, { readConsistencyInterval: 0 });
    try {
      return await readStoreStats(db, dir);
    } finally {
      db.close();
    }
  }

  async listFiles(): Promise<[string, { size: number; mtimeMs: number; contentHash: string; status: string; chunkCount: number }][]> {
    const rows = await this.files.query().select(['path', 'size', 'mtime_ms', 'content_hash', 'status', 'chunk_count']).toArray();
    return rows.map((r) => [r.path as string, { size: r.size, mtimeMs: r.mtime_ms, contentHash: r.content_hash, status: r.status, chunkCount: r.chunk_count }]);
  }

  /**
   * Replaces the chunks of each file in the batch in one commit: rows whose id (path + range +
   * content) already exists are kept with their vectors, new ones inserted, the rest deleted.
   */
  async replaceFiles(batch: { file: FileRow; chunks: ChunkRow[] }[]): Promise<void> {
    if (batch.length === 0) return;
    const rows = batch.flatMap((b) => b.chunks.map((c) => this.normaliseChunk(c)));
    const paths = batch.map((b) => b.file.path);
    for (let i = 0; i < paths.length; i += IN_LIST_CHUNK) {
      const part = paths.slice(i, i + IN_LIST_CHUNK);
      const partSet = new Set(part);
      const partRows = rows.filter((r) => partSet.has(r.path as string));
      if (partRows.length === 0) await this.chunks.delete(sqlIn('path', part));
      else {
        await this.chunks
          .mergeInsert('id')
          .whenNotMatchedInsertAll()
          .whenNotMatchedBySourceDelete({ where: sqlIn('path', part) })
          .execute(partRows);
      }
    }
    await this.upsertFileRows(batch.map((b) => b.file));
  }

  async upsertFileRows(rows: FileRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.files.mergeInsert('path').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rows as unknown as Record<string, unknown>[]);
  }

  async deleteFiles(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += IN_LIST_CHUNK) {
      const part = paths.slice(i, i + IN_LIST_CHUNK);
      await this.chunks.delete(sqlIn('path', part));
      await this.files.delete(sqlIn('path', part));
    }
  }

  async countChunksMissingVectors(): Promise<number> {
    return this.identity.dimension > 0 ? this.chunks.countRows('vector IS NULL') : 0;
  }

  async chunksMissingVectors(limit: number): Promise<ChunkRow[]> {
    if (this.identity.dimension === 0) return [];
    const rows = await this.chunks.query().where('vector IS NULL').select(CHUNK_COLUMNS).limit(limit).toArray();
    return rows.map(toChunkRow);
  }

  /** Vectors already computed for identical content elsewhere: identical chunks are embedded once. */
  async vectorsByContentHash(hashes: string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    if (this.identity.dimension === 0) return found;
    for (let i = 0; i < hashes.length; i += IN_LIST_CHUNK) {
      const part = hashes.slice(i, i + IN_LIST_CHUNK);
      const rows = await this.chunks.query().where(`vector IS NOT NULL AND ${sqlIn('content_hash', part)}`).select(['content_hash', 'vector']).toArray();
      for (const r of rows) found.set(r.content_hash, Float32Array.from(r.vector));
    }
    return found;
  }

  async setVectors(rows: { id: string; vector: Float32Array }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.chunks.mergeInsert('id').whenMatchedUpdateAll().execute(rows.map((r) => ({ id: r.id, vector: Array.from(r.vector) })));
  }

  async searchKeyword(query: string, options: { limit: number; where?: string }): Promise<ChunkHit[]> {
    const terms = splitIdentifiers(query).split(' ').filter(Boolean);
    const unique = [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
    if (unique.length === 0) return [];
    let q = this.chunks
      .query()
      .fullTextSearch(new lancedb.MultiMatchQuery(unique.join(' '), ['idents', 'text'], { boosts: FTS_BOOSTS }))
      .select([...CHUNK_COLUMNS, '_score'])
      .limit(options.limit);
    if (options.where) q = q.where(options.where);
    const rows = await q.toArray();
    return rows.map((r) => ({ ...toChunkRow(r), score: r._score as number }));
  }

  async searchVector(vector: Float32Array, options: { limit: number; where?: string }): Promise<ChunkHit[]> {
    if (this.identity.dimension === 0) return [];
    const where = options.where ? `vector IS NOT NULL AND (${options.where})` : 'vector IS NOT NULL';
    const rows = await this.chunks
      .query()
      .nearestTo(Array.from(vector))
      .distanceType('cosine')
      .where(where)
      .select([...CHUNK_COLUMNS, '_distance'])
      .limit(options.limit)
      .toArray();
    return rows.map((r) => ({ ...toChunkRow(r), score: 1 - (r._distance as number) }));
  }

  async chunksOfFile(filePath: string): Promise<ChunkRow[]> {
    const rows = await this.chunks.query().where(`path = ${sqlString(filePath)}`).select(CHUNK_COLUMNS).toArray();
    return rows.map(toChunkRow).sort((a, b) => a.start_line - b.start_line);
  }

  /** Up to `limit` chunks (any files): samples for benchmarks. */
  async sampleChunks(limit: number): Promise<ChunkRow[]> {
    const rows = await this.chunks.query().select(CHUNK_COLUMNS).limit(limit).toArray();
    return rows.map(toChunkRow);
  }

  /** Chunks whose symbol is one of `symbols` (exact, case-sensitive): the symbol signal. */
  async chunksBySymbol(symbols: string[], limit: number): Promise<ChunkRow[]> {
    if (symbols.length === 0) return [];
    const rows = await this.chunks.query().where(sqlIn('symbol', symbols.slice(0, IN_LIST_CHUNK))).select(CHUNK_COLUMNS).limit(limit).toArray();
    return rows.map(toChunkRow);
  }

  /** Folds new rows into the full-text and vector indexes, compacts, and reclaims old versions. */
  async optimize(): Promise<void> {
    const indices = new Set((await this.chunks.listIndices()).map((i) => i.name));
    if ((await this.chunks.countRows()) > 0) {
      for (const column of ['idents', 'text']) {
        if (!indices.has(`${column}_idx`)) await this.chunks.createIndex(column, { config: ftsConfig(), replace: true });
      }
      // Exact symbol lookups scanned every row: ~550 ms on the 962k-chunk Linux index without this.
      if (!indices.has('symbol_idx')) await this.chunks.createIndex('symbol', { config: lancedb.Index.btree(), replace: true });
      if (this.identity.dimension > 0 && !indices.has('vector_idx')) {
        const withVectors = await this.chunks.countRows('vector IS NOT NULL');
        if (withVectors >= VECTOR_INDEX_MIN_ROWS(this.identity.dimension)) {
          await this.chunks.createIndex('vector', {
            config: lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(Math.sqrt(withVectors))) }),
          });
        }
      }
    }
    const cleanupOlderThan = new Date(Date.now() - this.cleanupGraceMs);
    for (const table of [this.chunks, this.files, this.meta]) await table.optimize({ cleanupOlderThan });
    await this.meta.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([{ key: 'updatedAt', value: new Date().toISOString() }]);
  }

  async stats(): Promise<StoreStats> {
    return readStoreStats(this.db, this.dir);
  }

  async diskBytes(): Promise<number> {
    return directoryBytes(this.dir);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private normaliseChunk(c: ChunkRow): Record<string, unknown> {
    const row: Record<string, unknown> = { ...c };
    if (this.identity.dimension > 0) row.vector = c.vector ? Array.from(c.vector) : null;
    else delete row.vector;
    return row;
  }
}

function toChunkRow(r: Record<string, any>): ChunkRow {
  return {
    id: r.id, path: r.path, start_line: r.start_line, end_line: r.end_line, language: r.language, kind: r.kind,
    symbol: r.symbol, parents: r.parents, content_hash: r.content_hash, text: r.text, idents: '',
  };
}

async function readMeta(meta: lancedb.Table): Promise<Map<string, string>> {
  const rows = await meta.query().toArray();
  return new Map(rows.map((r) => [r.key as string, r.value as string]));
}

function mismatch(found: Map<string, string> | undefined, want: StoreIdentity): string | undefined {
  if (!found || found.size === 0) return 'the index metadata could not be read';
  if (found.get('schemaVersion') !== String(SCHEMA_VERSION)) return `the index format changed (version ${found.get('schemaVersion')} → ${SCHEMA_VERSION})`;
  if (found.get('embedderId') !== want.embedderId || found.get('dimension') !== String(want.dimension)) {
    return `the embedding model changed (${found.get('embedderId')} → ${want.embedderId})`;
  }
  if (want.chunking !== undefined && (found.get('chunking') ?? '') !== want.chunking) return `the chunking settings changed (${found.get('chunking') || 'none'} → ${want.chunking})`;
  return undefined;
}

