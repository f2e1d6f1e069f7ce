// Applies an index plan to the store: removals and skip records first, then every planned file
// read, hashed, chunked and stored in batches (keyword search works from the first batch), and
// the keyword index brought up to date. Vectors follow in embedPhase.ts.
import fs from 'node:fs/promises';
import type { ChunkerPool } from '../chunk/chunkerPool.js';
import { readSourceFile } from '../scan/readSourceFile.js';
import type { IndexStore } from '../store/indexStore.js';
import type { FileRow } from '../store/schema.js';
import { AskCodebaseError, type ProgressEvent } from '../types.js';
import { MAX_CHUNK_BYTES } from '../chunk/boundChunks.js';
import { hashDecision, type KnownFile } from './changePlan.js';
import type { PauseGate } from './pauseGate.js';
import type { IndexPlan, IndexRoot, WorkItem } from './planIndex.js';
import { indexedFileRow, skippedFileRow, type PendingFile } from './rows.js';

/** Rows per store write: LanceDB inserts 76k–109k rows/s in 2k–10k batches, far less below. */
const STORE_BATCH_ROWS = 4_000;
/** Files read+chunked concurrently; more than twice the workers only grew memory in bench. */
const READ_CONCURRENCY = 8;

type Report = (e: Omit<ProgressEvent, 'chunksPerSecond' | 'etaSeconds'>) => void;
type OnMessage = (level: 'info' | 'warn', message: string) => void;

/**
 * Drops the chunks of files now skipped, records every skip, and drops the files that are gone
 * unless `keepGone`: with an embedder their rows stay until vectors are done, so a renamed or
 * moved file reuses its vectors by content hash instead of being embedded again.
 */
export async function applyRemovals(store: IndexStore, plan: IndexPlan, options: { keepGone: boolean }): Promise<void> {
  if (plan.gone.length > 0 && !options.keepGone) await store.deleteFiles(plan.gone);
  if (plan.nowSkipped.length > 0) await store.deleteFiles(plan.nowSkipped);
  if (plan.skipped.length > 0) await store.upsertFileRows(plan.skipped);
}

export interface StoreWorkOptions {
  roots: IndexRoot[];
  known: ReadonlyMap<string, KnownFile>;
  pool: ChunkerPool;
  /** New and changed files wait for vectors ('pending-embed') when there is an embedder. */
  embedding: boolean;
  maxFileSizeBytes?: number;
  gate: PauseGate;
  signal?: AbortSignal;
  report: Report;
  onMessage?: OnMessage;
  /** Called when every file is read and chunked, before the last batch is stored. */
  onChunked?: () => Promise<void>;
}

export interface StoredWork {
  added: number;
  changed: number;
  touched: number;
  /** Files that could not be read or became too large since the walk. */
  readSkipped: number;
  chunksStored: number;
}

type Outcome = { kind: 'skipped'; row: FileRow } | { kind: 'touched'; row: FileRow } | { kind: 'chunked'; pending: PendingFile };

export const noWorkStored = (): StoredWork => ({ added: 0, changed: 0, touched: 0, readSkipped: 0, chunksStored: 0 });

/**
 * Reads, hashes, chunks and stores the planned files; stops early when `signal` aborts. `out` is
 * counted up as files are done, so a run cancelled midway still reports what it stored.
 */
export async function storeWork(store: IndexStore, work: WorkItem[], options: StoreWorkOptions, out = noWorkStored()): Promise<StoredWork> {
  const { known, pool, signal, report } = options;
  // Reads must stay inside the root's real location (a path swapped for a link since the walk).
  const realRoots = new Map<string, string | undefined>();
  for (const root of options.roots) realRoots.set(root.path, await fs.realpath(root.path).catch(() => undefined));
  let batch: PendingFile[] = [];
  let batchRows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    batchRows = 0;
    await store.replaceFiles(b.map((p) => ({ file: p.file, chunks: p.chunks })));
  };

  const processOne = async (item: WorkItem): Promise<Outcome> => {
    const realRoot = realRoots.get(item.file.root);
    if (!realRoot) return { kind: 'skipped', row: skippedFileRow(item.storePath, 'unreadable', 'its workspace folder cannot be resolved') };
    const read = await readSourceFile(item.file.absPath, { maxFileSizeBytes: options.maxFileSizeBytes, relPath: item.file.path, signal, realRoot });
    if (!read.ok) {
      out.readSkipped++;
      return { kind: 'skipped', row: skippedFileRow(item.storePath, read.reason, read.detail) };
    }
    const prev = known.get(item.storePath);
    const decision = hashDecision(prev, read.contentHash);
    if (decision === 'touched') {
      out.touched++;
      const row = indexedFileRow(item.storePath, item.file, read.contentHash, prev?.chunkCount ?? 0);
      return { kind: 'touched', row: { ...row, status: prev?.status === 'pending-embed' ? 'pending-embed' : 'indexed' } as FileRow };
    }
    // Chunk rows (hashes, identifier splitting) are built in the chunking worker, not here.
    const { rows, chunkCount, fallback } = await pool.chunkRows({ path: item.storePath, text: read.text, language: item.file.language }, signal);
    if (fallback) options.onMessage?.('info', `${item.storePath}: cut into line windows (${fallback})`);
    if (decision === 'new') out.added++;
    else out.changed++;
    return {
      kind: 'chunked',
      pending: {
        file: indexedFileRow(item.storePath, item.file, read.contentHash, chunkCount, options.embedding ? 'pending-embed' : 'indexed'),
        chunks: rows,
      },
    };
  };

  let next = 0;
  let filesDone = 0;
  const touchedRows: FileRow[] = [];
  const readSkipRows: FileRow[] = [];
  report({ phase: 'chunk', filesDone: 0, filesTotal: work.length, chunksDone: 0 });
  const readers = Array.from({ length: Math.min(READ_CONCURRENCY, work.length) }, async () => {
    while (next < work.length) {
      await options.gate.wait(signal);
      if (signal?.aborted) return;
      const result = await processOne(work[next++]);
      filesDone++;
      if (result.kind === 'skipped') readSkipRows.push(result.row);
      else if (result.kind === 'touched') touchedRows.push(result.row);
      else {
        batch.push(result.pending);
        batchRows += result.pending.chunks.length;
        out.chunksStored += result.pending.chunks.length;
        if (batchRows >= STORE_BATCH_ROWS) await flush();
      }
      if (filesDone % 50 === 0 || filesDone === work.length) {
        report({ phase: 'chunk', filesDone, filesTotal: work.length, chunksDone: out.chunksStored });
      }
    }
  });
  await Promise.all(readers);
  await options.onChunked?.();
  await flush();
  // A file that became unreadable or too large since the last run loses its old chunks.
  if (readSkipRows.length > 0) await store.deleteFiles(readSkipRows.map((r) => r.path));
  const fileRows = [...touchedRows, ...readSkipRows];
  if (fileRows.length > 0) await store.upsertFileRows(fileRows);
  return out;
}

/**
 * Optimizes; when that fails on chunks over the byte bound (stored before chunks were bounded),
 * drops their files so the next run stores them cut to size, and tries once more. A failed
 * full-text build must not fail every later run.
 */
export async function optimizeOrHeal(store: IndexStore, options: { signal?: AbortSignal; onMessage?: OnMessage }): Promise<void> {
  try {
    await store.optimize({ signal: options.signal });
  } catch (err) {
    if (options.signal?.aborted || (err instanceof AskCodebaseError && err.code !== 'index-write-failed')) throw err;
    const oversized = await store.pathsWithChunksOver(MAX_CHUNK_BYTES);
    if (oversized.length === 0) throw err;
    options.onMessage?.('warn', `The keyword index could not be built over ${oversized.length} file(s) with chunks over ${MAX_CHUNK_BYTES} bytes (${oversized.slice(0, 3).join(', ')}); they are dropped now and stored cut to size on the next run.`);
    await store.deleteFiles(oversized);
    await store.optimize({ signal: options.signal });
  }
}
