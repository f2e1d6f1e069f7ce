// The index on disk: LanceDB tables for chunks (text, identifier tokens, vectors), files and meta.
import fs from 'node:fs/promises';
import './lanceEnv.js';
import * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import { AskCodebaseError } from '../types.js';
import { chunkSchema, fileSchema, metaSchema, SCHEMA_VERSION, type ChunkRow, type FileRow } from './schema.js';
import { sqlIn, sqlString } from './sqlText.js';
import { splitIdentifiers } from './identifiers.js';
import { directoryBytes, sweepTempFiles } from './diskUsage.js';
import { readStoreStats, type StoreStats } from './storeStats.js';
import { dropGeneration, listGenerations, tableName, type Generation } from './tableGenerations.js';
import { storeWriteError } from './storeErrors.js';
import { checkStoreHealth, describeProblems } from './storeHealth.js';
import { pickFields, rowsToArrow } from './arrowRows.js';


export interface StoreIdentity {
  embedderId: string;
  dimension: number;
  /** Chunker version and settings; chunks cut differently are not comparable, so a change rebuilds. */
  chunking?: string;
}

export interface StoreOptions {
  /** Old table versions younger than this survive cleanup (a reader may still use them). */
  cleanupGraceMs?: number;
  /**
   * Read every data file and query every index on open: damaged data rebuilds the index from the
   * files, a broken index is dropped so the next optimize builds it again (see repairNote).
   */
  verify?: boolean;
}

export interface ChunkHit extends ChunkRow {
  /** BM25 score for keyword hits, cosine similarity for vector hits. */
  score: number;
}

export interface OptimizeReport {
  /** Rows the full-text index had not covered before this run. */
  unindexedRows: number;
  tempFilesRemoved: number;
  vectorIndexBuilt: boolean;
}

const CHUNK_COLUMNS = ['id', 'path', 'root', 'start_line', 'end_line', 'language', 'kind', 'content_kind', 'symbol', 'parents', 'content_hash', 'file_hash', 'text'];
/** Columns with a full-text index; the first is the one every index has. */
export const FTS_COLUMNS = ['idents', 'prose'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];
/**
 * Equal weights, each row scored by its better field (dis-max). On both dev sets (docs/benchmarks.md)
 * prose at half the identifier weight lost 0.05 MRR on plain-language questions, and adding the
 * fields' scores (BM25F-like) instead of taking the better one lost 0.03; a third, unstemmed
 * field over the raw text never was the better field and was dropped.
 */
export const DEFAULT_FTS_BOOSTS: Record<FtsColumn, number> = { idents: 2, prose: 2 };
/** Keep FTS queries bounded: 64 terms kept p95 under 40 ms at 50k rows. */
const MAX_QUERY_TERMS = 64;
/** Brute-force top-10 cosine search measured ~20 ms at 50k rows of 100-d and at 20k of 384-d (LanceDB 0.39, 2 cores). */
const VECTOR_INDEX_MIN_ROWS = (dimension: number) => (dimension <= 128 ? 50_000 : 20_000);
/** Old versions are kept this long so a reader mid-query never loses its files. */
const CLEANUP_GRACE_MS = 60_000;
/** LanceDB filters become slow and huge past a few thousand IN-list values. */
const IN_LIST_CHUNK = 500;

/**
 * `idents` keeps every token as written (exact lookups: `if`, `for`, `getuserbyid`); `prose` is
 * English-stemmed without stop words, so "parsed heights" meets `parseHeight`.
 */
const ftsConfig = (column: FtsColumn) =>
  column === 'prose'
    ? lancedb.Index.fts({ baseTokenizer: 'simple', language: 'English', stem: true, removeStopWords: true, lowercase: true, asciiFolding: true, maxTokenLength: 40, withPosition: FTS_WITH_POSITIONS })
    : lancedb.Index.fts({ baseTokenizer: 'simple', stem: false, removeStopWords: false, lowercase: true, asciiFolding: true, maxTokenLength: 80, withPosition: FTS_WITH_POSITIONS });
/**
 * Positions only serve phrase queries, which searchKeyword never issues (it reduces queries to
 * word tokens); at 50k chunks they cost +27% FTS build time (4.0 → 5.1 s) and +36% index size
 * (14 → 19 MB) for no query benefit (bench/store.ts).
 */
const FTS_WITH_POSITIONS = false;

interface Tables {
  chunks: lancedb.Table;
  files: lancedb.Table;
  meta: lancedb.Table;
}

export class IndexStore {
  private readonly chunks: lancedb.Table;
  private readonly files: lancedb.Table;
  private readonly meta: lancedb.Table;
  private readonly chunkSchema: Schema;

  private constructor(
    readonly dir: string,
    private readonly db: lancedb.Connection,
    tables: Tables,
    readonly identity: StoreIdentity,
    /** Set when an existing index was discarded (other model, schema, or unreadable); announce it. */
    readonly rebuildReason: string | undefined,
    private readonly cleanupGraceMs: number,
    /** Set when broken indexes were dropped on open; the next optimize rebuilds them. */
    readonly repairNote: string | undefined = undefined,
  ) {
    this.chunks = tables.chunks;
    this.files = tables.files;
    this.meta = tables.meta;
    this.chunkSchema = chunkSchema(identity.dimension);
  }

  /**
   * Opens the index for writing (hold the writer lock). An index built for another model, schema
   * or chunking, or one that cannot be read, is rebuilt: new tables first, old ones dropped after.
   */
  static async open(dir: string, identity: StoreIdentity, options: StoreOptions = {}): Promise<IndexStore> {
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.access(dir, fs.constants.W_OK);
    } catch (err) {
      throw new AskCodebaseError('index-dir-unwritable', `The index folder ${dir} cannot be written: ${(err as Error).message}`, { cause: err });
    }
    await sweepTempFiles(dir, CLEANUP_GRACE_MS);
    const db = await connect(dir);
    try {
      const generations = listGenerations(await db.tableNames());
      const current = await findCurrent(db, generations);
      let rebuildReason = current.unreadable;
      let repairNote: string | undefined;
      let tables: Tables | undefined;
      if (current.generation) {
        rebuildReason = mismatch(current.meta, identity);
        if (!rebuildReason) {
          tables = await openTables(db, current.generation.generation).catch((err: Error) => {
            rebuildReason = `the index could not be read (${err.message})`;
            return undefined;
          });
        }
        if (tables && options.verify) {
          const problems = await checkStoreHealth(tables);
          const data = problems.filter((p) => p.kind === 'data');
          if (data.length > 0) {
            rebuildReason = `the index is damaged: ${describeProblems(data)}`;
            tables = undefined;
          } else if (problems.length > 0) {
            for (const p of problems) await tables[p.table].dropIndex(p.index!);
            repairNote = `rebuilding damaged indexes: ${describeProblems(problems)}`;
          }
        }
      } else if (generations.length > 0) {
        rebuildReason ??= 'the index was incomplete';
      }
      let keep = current.generation?.generation;
      // A rebuild leaves the current generation (another model or chunking, or damaged) to
      // readers until commit() says the new one is complete; a first build commits at once.
      const replaced = !tables && current.generation ? [current.generation] : [];
      if (!tables) {
        keep = Math.max(0, ...generations.map((g) => g.generation)) + 1;
        tables = await createGeneration(db, keep, identity, replaced.length === 0).catch((err: unknown) => {
          throw storeWriteError(err, dir, 'creating the index tables');
        });
      }
      // Leftovers: a rebuild interrupted before its commit, or tables without a generation.
      for (const g of generations) if (g.generation !== keep && !replaced.includes(g)) await dropGeneration(db, dir, g);
      const store = new IndexStore(dir, db, tables, identity, rebuildReason, options.cleanupGraceMs ?? CLEANUP_GRACE_MS, repairNote);
      store.replaced = replaced;
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Generations this (uncommitted) rebuild replaces; they stay current for readers until commit(). */
  private replaced: Generation[] = [];

  /** True while this store is a rebuild that readers do not see yet. */
  get uncommitted(): boolean {
    return this.replaced.length > 0;
  }

  /**
   * Makes a rebuild the current index (its meta rows are the commit point) and drops the
   * generations it replaces. Call when the run that filled it completed; a no-op otherwise.
   */
  async commit(): Promise<void> {
    if (this.replaced.length === 0) return;
    try {
      await this.meta.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(metaRows(this.identity));
      for (const g of this.replaced) await dropGeneration(this.db, this.dir, g);
    } catch (err) {
      throw storeWriteError(err, this.dir, 'committing the rebuilt index');
    }
    this.replaced = [];
  }

  /** Opens an existing index as it was built, never changing it: for search and status. */
  static async openExisting(dir: string, options: Pick<StoreOptions, 'cleanupGraceMs'> = {}): Promise<IndexStore> {
    const db = await connect(dir).catch((err: unknown) => {
      throw new AskCodebaseError('no-index', `No readable index at ${dir}: ${(err as Error).message}`, { cause: err });
    });
    try {
      const current = await findCurrent(db, listGenerations(await db.tableNames()));
      if (!current.generation) {
        const why = current.unreadable ? ` (${current.unreadable})` : '';
        throw new AskCodebaseError('no-index', `No index at ${dir}${why}. Build one with: ask-codebase index <folder> --db ${dir}`);
      }
      if (current.meta.get('schemaVersion') !== String(SCHEMA_VERSION)) {
        throw new AskCodebaseError('no-index', `The index at ${dir} was built by another version of Ask Codebase. Re-index to use it.`);
      }
      const identity = { embedderId: current.meta.get('embedderId') ?? 'none', dimension: Number(current.meta.get('dimension') ?? 0), chunking: current.meta.get('chunking') ?? '' };
      const tables = await openTables(db, current.generation.generation);
      return new IndexStore(dir, db, tables, identity, undefined, options.cleanupGraceMs ?? CLEANUP_GRACE_MS);
    } catch (err) {
      db.close();
      if (err instanceof AskCodebaseError) throw err;
      throw new AskCodebaseError('no-index', `No readable index at ${dir}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Stats for `status` without taking part in writing; `check` adds the read checks of storeHealth. */
  static async readStats(dir: string, options: { check?: boolean } = {}): Promise<StoreStats> {
    const db = await connect(dir);
    try {
      const current = await findCurrent(db, listGenerations(await db.tableNames()));
      const tables = current.generation ? await openTables(db, current.generation.generation) : undefined;
      if (tables && options.check) {
        const problems = await checkStoreHealth(tables);
        if (problems.some((p) => p.kind === 'data')) {
          // Counting rows may fail on the damaged table: report what can be read.
          const stats = await readStoreStats(tables, dir).catch(() => readStoreStats(undefined, dir));
          return { ...stats, problems: problems.map((p) => describeProblems([p])) };
        }
        return { ...(await readStoreStats(tables, dir)), problems: problems.map((p) => describeProblems([p])) };
      }
      return await readStoreStats(tables, dir);
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
   * content) exists are updated (keeping their vector), new ones inserted, the file's other rows
   * deleted.
   */
  async replaceFiles(batch: { file: FileRow; chunks: ChunkRow[] }[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      for (let i = 0; i < batch.length; i += IN_LIST_CHUNK) await this.replacePart(batch.slice(i, i + IN_LIST_CHUNK));
    } catch (err) {
      throw storeWriteError(err, this.dir, 'storing chunks');
    }
    await this.upsertFileRows(batch.map((b) => b.file));
  }

  /**
   * Files new to the store are appended in one commit; files with rows are merged in another
   * (each file lands whole in one of the two). The merge scans the table, so appending new files
   * instead took a fresh 50k-chunk insert from ~5k to ~60k rows/s (bench/store.ts).
   */
  private async replacePart(part: { file: FileRow; chunks: ChunkRow[] }[]): Promise<void> {
    const paths = part.map((b) => b.file.path);
    const stored = new Set((await this.chunks.query().where(sqlIn('path', paths)).select(['path']).toArray()).map((r) => r.path as string));
    const fresh = part.filter((b) => !stored.has(b.file.path)).flatMap((b) => b.chunks.map((c) => this.normaliseChunk(c, b.file)));
    const changed = part.filter((b) => stored.has(b.file.path));
    if (fresh.length > 0) await this.chunks.add(rowsToArrow(this.chunkSchema, fresh));
    if (changed.length === 0) return;
    const changedPaths = changed.map((b) => b.file.path);
    const rows = changed.flatMap((b) => b.chunks.map((c) => this.normaliseChunk(c, b.file)));
    if (rows.length === 0) {
      await this.chunks.delete(sqlIn('path', changedPaths));
      return;
    }
    // Rows that already exist keep their vector while the rest of the row is rewritten (fresh
    // file_hash). New rows stay without one: the embed phase reuses vectors by content hash.
    if (this.identity.dimension > 0) {
      const kept = await this.vectorsById(rows.filter((r) => r.vector == null).map((r) => r.id as string));
      for (const r of rows) if (r.vector == null && kept.has(r.id as string)) r.vector = kept.get(r.id as string);
    }
    await this.chunks
      .mergeInsert('id')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .whenNotMatchedBySourceDelete({ where: sqlIn('path', changedPaths) })
      .execute(rowsToArrow(this.chunkSchema, rows));
  }

  async upsertFileRows(rows: FileRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.files.mergeInsert('path').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rowsToArrow(fileSchema, rows as unknown as Record<string, unknown>[]));
    } catch (err) {
      throw storeWriteError(err, this.dir, 'storing file records');
    }
  }

  async deleteFiles(paths: string[]): Promise<void> {
    try {
      for (let i = 0; i < paths.length; i += IN_LIST_CHUNK) {
        const part = paths.slice(i, i + IN_LIST_CHUNK);
        await this.chunks.delete(sqlIn('path', part));
        await this.files.delete(sqlIn('path', part));
      }
    } catch (err) {
      throw storeWriteError(err, this.dir, 'deleting files');
    }
  }

  /** Paths of files with a chunk longer than `maxBytes` (an index built before chunks were bounded). */
  async pathsWithChunksOver(maxBytes: number): Promise<string[]> {
    const rows = await this.chunks.query().where(`octet_length(text) > ${Math.trunc(maxBytes)}`).select(['path']).toArray();
    return [...new Set(rows.map((r) => r.path as string))];
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

  private async vectorsById(ids: string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) {
      const part = ids.slice(i, i + IN_LIST_CHUNK);
      const rows = await this.chunks.query().where(`vector IS NOT NULL AND ${sqlIn('id', part)}`).select(['id', 'vector']).toArray();
      for (const r of rows) found.set(r.id, Float32Array.from(r.vector));
    }
    return found;
  }

  /** One commit per call: mergeInsert of (id, vector) beat per-row update by far (bench/store.ts). */
  async setVectors(rows: { id: string; vector: Float32Array }[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.identity.dimension === 0) throw new AskCodebaseError('index-no-vectors', 'This index was built without an embedding model; it cannot store vectors.');
    const bad = rows.find((r) => r.vector.length !== this.identity.dimension);
    if (bad) throw new AskCodebaseError('index-bad-vector', `A vector of length ${bad.vector.length} does not fit this index (dimension ${this.identity.dimension}).`);
    try {
      await this.chunks.mergeInsert('id').whenMatchedUpdateAll().execute(rowsToArrow(pickFields(this.chunkSchema, ['id', 'vector']), rows));
    } catch (err) {
      throw storeWriteError(err, this.dir, 'storing vectors');
    }
  }

  /**
   * BM25 over the full-text columns, each weighted by `boosts` (a column at 0 is not searched).
   * `exact` tokens (flags, key chords, error codes) also match the identifier field on their own,
   * `exactBoost` times: "ctrl-r" must weigh more than the words around it.
   */
  async searchKeyword(
    query: string,
    options: { limit: number; where?: string; boosts?: Partial<Record<FtsColumn, number>>; combine?: 'sum' | 'max'; exact?: string[]; exactBoost?: number },
  ): Promise<ChunkHit[]> {
    const unique = queryTerms(query);
    if (unique.length === 0) return [];
    const boosts = { ...DEFAULT_FTS_BOOSTS, ...options.boosts };
    const columns = FTS_COLUMNS.filter((c) => boosts[c] > 0);
    if (columns.length === 0) return [];
    const text = unique.join(' ');
    // LanceDB's MultiMatchQuery scores a row by its best column (dis-max); Should clauses add up.
    const clauses: [lancedb.Occur, lancedb.FullTextQuery][] =
      options.combine === 'sum'
        ? columns.map((c) => [lancedb.Occur.Should, new lancedb.MatchQuery(text, c, { boost: boosts[c] })])
        : [[lancedb.Occur.Should, new lancedb.MultiMatchQuery(text, [...columns], { boosts: columns.map((c) => boosts[c]) })]];
    // Exact tokens arrive in the index's form (`ctrlr`, `e501`); anything else cannot be a token.
    const exact = [...new Set((options.exact ?? []).filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))].slice(0, MAX_QUERY_TERMS);
    if (exact.length > 0 && (options.exactBoost ?? 0) > 0) clauses.push([lancedb.Occur.Should, new lancedb.MatchQuery(exact.join(' '), 'idents', { boost: options.exactBoost })]);
    const fts = clauses.length === 1 ? clauses[0][1] : new lancedb.BooleanQuery(clauses);
    let q = this.chunks
      .query()
      .fullTextSearch(fts)
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

  /** One value of the meta table (e.g. the saved self-tuning), or undefined. */
  async readMetaValue(key: string): Promise<string | undefined> {
    const rows = await this.meta.query().where(`key = ${sqlString(key)}`).select(['value']).limit(1).toArray();
    return rows[0]?.value as string | undefined;
  }

  /** Sets one meta value beside the identity rows (they stay as they are). */
  async writeMetaValue(key: string, value: string): Promise<void> {
    if (['schemaVersion', 'embedderId', 'dimension', 'chunking'].includes(key)) throw new AskCodebaseError('bad-arguments', `The meta key ${key} belongs to the index identity.`);
    try {
      await this.meta.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([{ key, value }]);
    } catch (err) {
      throw storeWriteError(err, this.dir, `saving ${key}`);
    }
  }

  /** Up to `limit` chunks of the given kinds in code files, for self-evaluation pairs. */
  async sampleCodeChunks(kinds: string[], limit: number): Promise<ChunkRow[]> {
    const rows = await this.chunks.query().where(`content_kind = 'code' AND ${sqlIn('kind', kinds)}`).select(CHUNK_COLUMNS).limit(limit).toArray();
    return rows.map(toChunkRow);
  }

  async chunksOfFile(filePath: string): Promise<ChunkRow[]> {
    const rows = await this.chunks.query().where(`path = ${sqlString(filePath)}`).select(CHUNK_COLUMNS).toArray();
    return rows.map(toChunkRow).sort((a, b) => a.start_line - b.start_line);
  }

  /** Chunks whose symbol is one of `symbols` (exact, case-sensitive): the symbol signal. */
  async chunksBySymbol(symbols: string[], limit: number): Promise<ChunkRow[]> {
    if (symbols.length === 0) return [];
    const rows = await this.chunks.query().where(sqlIn('symbol', symbols.slice(0, IN_LIST_CHUNK))).select(CHUNK_COLUMNS).limit(limit).toArray();
    return rows.map(toChunkRow);
  }

  /**
   * Folds new rows into the full-text and vector indexes, compacts, reclaims versions older than
   * the grace period, and sweeps temp files of killed writes. Hold the writer lock.
   */
  async optimize(options: { signal?: AbortSignal } = {}): Promise<OptimizeReport> {
    const { signal } = options;
    const report: OptimizeReport = { unindexedRows: 0, tempFilesRemoved: 0, vectorIndexBuilt: false };
    const cleanupOlderThan = new Date(Date.now() - this.cleanupGraceMs);
    try {
      const indices = new Set((await this.chunks.listIndices()).map((i) => i.name));
      if ((await this.chunks.countRows()) > 0) {
        // A first build compacts its many batch fragments before the full-text indexes exist, so
        // they are built once over the compacted table and the closing optimize has nothing to
        // remap: 44k chunks took 1.0 s here instead of 3.9 s after (scripts/bench/index.ts).
        if (!indices.has(`${FTS_COLUMNS[0]}_idx`)) await this.chunks.optimize({ cleanupOlderThan });
        for (const column of FTS_COLUMNS) {
          signal?.throwIfAborted();
          if (!indices.has(`${column}_idx`)) await this.chunks.createIndex(column, { config: ftsConfig(column), replace: true });
          else report.unindexedRows = Math.max(report.unindexedRows, (await this.chunks.indexStats(`${column}_idx`))?.numUnindexedRows ?? 0);
        }
        // Exact symbol lookups scanned every row: ~550 ms on the 962k-chunk Linux index without this.
        if (!indices.has('symbol_idx')) await this.chunks.createIndex('symbol', { config: lancedb.Index.btree(), replace: true });
        // Upserts match on id, and the embed phase looks up vectors by content hash.
        for (const column of ['id', 'content_hash']) {
          if (!indices.has(`${column}_idx`)) await this.chunks.createIndex(column, { config: lancedb.Index.btree(), replace: true });
        }
        if (this.identity.dimension > 0 && !indices.has('vector_idx')) {
          const withVectors = await this.chunks.countRows('vector IS NOT NULL');
          if (withVectors >= VECTOR_INDEX_MIN_ROWS(this.identity.dimension)) {
            signal?.throwIfAborted();
            await this.chunks.createIndex('vector', {
              config: lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(Math.sqrt(withVectors))) }),
            });
            report.vectorIndexBuilt = true;
          }
        }
      }
      for (const table of [this.chunks, this.files, this.meta]) {
        signal?.throwIfAborted();
        // Also folds unindexed rows into the FTS and vector indexes (lancedb.md: ~2 s at 100k).
        await table.optimize({ cleanupOlderThan });
      }
      report.tempFilesRemoved = await sweepTempFiles(this.dir, this.cleanupGraceMs);
      await this.meta.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([{ key: 'updatedAt', value: new Date().toISOString() }]);
    } catch (err) {
      if (signal?.aborted) throw err;
      throw storeWriteError(err, this.dir, 'optimizing the index');
    }
    return report;
  }

  /** Changes with every write to the chunks (table generation + version): keys cached answers. */
  async contentVersion(): Promise<string> {
    return `${this.chunks.name}@${await this.chunks.version()}`;
  }

  async stats(): Promise<StoreStats> {
    return readStoreStats({ chunks: this.chunks, files: this.files, meta: this.meta }, this.dir);
  }

  async diskBytes(): Promise<number> {
    return directoryBytes(this.dir);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private normaliseChunk(c: ChunkRow, file: FileRow): Record<string, unknown> {
    return { ...c, root: c.root ?? '', file_hash: c.file_hash ?? file.content_hash, vector: c.vector ?? null };
  }

  // retrieval: modification times of some files, for keeping the newest of near-duplicate copies.
  async fileMtimes(paths: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < paths.length; i += IN_LIST_CHUNK) {
      const rows = await this.files.query().where(sqlIn('path', paths.slice(i, i + IN_LIST_CHUNK))).select(['path', 'mtime_ms']).toArray();
      for (const r of rows) found.set(r.path as string, r.mtime_ms as number);
    }
    return found;
  }

  // retrieval: stored vectors of some chunks, for near-duplicate detection by cosine.
  async chunkVectors(ids: string[]): Promise<Map<string, Float32Array>> {
    return this.identity.dimension > 0 ? this.vectorsById(ids) : new Map();
  }
}

/** A query reduced to its word tokens (so FTS syntax, quotes and regex characters cannot break it). */
function queryTerms(query: string): string[] {
  return [...new Set(splitIdentifiers(query).split(' ').filter(Boolean))].slice(0, MAX_QUERY_TERMS);
}

function toChunkRow(r: Record<string, any>): ChunkRow {
  return {
    id: r.id, path: r.path, root: r.root, file_hash: r.file_hash, start_line: r.start_line, end_line: r.end_line, language: r.language, kind: r.kind,
    content_kind: r.content_kind, symbol: r.symbol, parents: r.parents, content_hash: r.content_hash, text: r.text, idents: '', prose: '',
  };
}

async function connect(dir: string): Promise<lancedb.Connection> {
  try {
    return await lancedb.connect(dir, { readConsistencyInterval: 0 });
  } catch (err) {
    throw new AskCodebaseError('index-unreadable', `The index folder ${dir} cannot be opened: ${(err as Error).message}`, { cause: err });
  }
}

/** The newest generation whose meta table holds its identity rows (its commit point). */
async function findCurrent(db: lancedb.Connection, generations: Generation[]): Promise<{ generation?: Generation; meta: Map<string, string>; unreadable?: string }> {
  let unreadable: string | undefined;
  for (const g of generations) {
    if (!g.tables.includes('meta')) continue;
    try {
      const meta = await readMeta(await db.openTable(tableName('meta', g.generation)));
      if (meta.has('schemaVersion')) return { generation: g, meta, unreadable };
    } catch (err) {
      unreadable ??= `the index could not be read (${(err as Error).message.split('\n')[0]})`;
    }
  }
  return { meta: new Map(), unreadable };
}

async function openTables(db: lancedb.Connection, gen: number): Promise<Tables> {
  const [chunks, files, meta] = await Promise.all(
    (['chunks', 'files', 'meta'] as const).map((kind) => db.openTable(tableName(kind, gen))),
  );
  // Opening is lazy about data files: touch each table so a damaged one fails here, not mid-search.
  await Promise.all([chunks.countRows(), files.countRows()]);
  return { chunks, files, meta };
}

/**
 * Creates a generation's tables; the meta rows, written last (now, or by commit() for a rebuild),
 * make it the current index.
 */
async function createGeneration(db: lancedb.Connection, gen: number, identity: StoreIdentity, commit: boolean): Promise<Tables> {
  const chunks = await db.createEmptyTable(tableName('chunks', gen), chunkSchema(identity.dimension), { existOk: true });
  const files = await db.createEmptyTable(tableName('files', gen), fileSchema, { existOk: true });
  const meta = await db.createEmptyTable(tableName('meta', gen), metaSchema, { existOk: true });
  if (commit) await meta.add(metaRows(identity));
  return { chunks, files, meta };
}

function metaRows(identity: StoreIdentity): { key: string; value: string }[] {
  const now = new Date().toISOString();
  return [
    { key: 'schemaVersion', value: String(SCHEMA_VERSION) },
    { key: 'embedderId', value: identity.embedderId },
    { key: 'dimension', value: String(identity.dimension) },
    { key: 'chunking', value: identity.chunking ?? '' },
    { key: 'createdAt', value: now },
    { key: 'updatedAt', value: now },
  ];
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

