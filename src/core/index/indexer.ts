// Brings an index up to date with the workspace: scan → read+hash → chunk → store (keyword
// searchable) → embed missing vectors. Incremental, resumable, pausable and cancellable.
import type { Embedder } from '../embed/embedder.js';
import { chunkingId, type ChunkOptions } from '../chunk/chunkFile.js';
import { ChunkerPool } from '../chunk/chunkerPool.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { scanWorkspace } from '../scan/scanWorkspace.js';
import { languageForPath } from '../scan/language.js';
import { readSourceFile } from '../scan/readSourceFile.js';
import { PathJudge } from '../scan/pathJudge.js';
import { ignoreFileNames } from '../scan/ignoreRules.js';
import type { ScanOptions } from '../scan/scanOptions.js';
import { IndexStore } from '../store/indexStore.js';
import type { FileRow } from '../store/schema.js';
import { acquireWriterLock } from '../store/writerLock.js';
import { releaseMemory } from './releaseMemory.js';
import { nothingIndexedWarning } from './nothingIndexed.js';
import { storeWriteError } from '../store/storeErrors.js';
import { locateStorePath } from '../workspacePaths.js';
import { AskCodebaseError, type ProgressEvent, type ScannedFile } from '../types.js';
import { hashDecision, statDecision, type KnownFile } from './changePlan.js';
import { PauseGate } from './pauseGate.js';
import { boundChunks, MAX_CHUNK_BYTES } from './boundChunks.js';
import { assertRootsReadable, isMassDelete, massDeleteRefused, rootUnreadable } from './rootChecks.js';
import { ProgressMeter } from './progressMeter.js';
import { toChunkRows, type PendingFile, skippedFileRow, indexedFileRow } from './rows.js';
import { embedMissingVectors } from './embedPhase.js';

export interface IndexRoot {
  path: string;
  /** Prefix for paths in a multi-root workspace ('' or undefined for a single root). */
  label?: string;
}

export interface IndexerOptions {
  roots: IndexRoot[];
  dbDir: string;
  embedder: Embedder | null;
  scan?: ScanOptions;
  chunk?: ChunkOptions;
  /** Chunker worker threads; default 1 on 2 cores so the editor keeps a core. */
  workers?: number;
  signal?: AbortSignal;
  gate?: PauseGate;
  onProgress?: (event: ProgressEvent) => void;
  onMessage?: (level: 'info' | 'warn', message: string) => void;
  /**
   * Store paths that changed (a save, a file event). When every one is already indexed, only
   * they are re-read — no walk. Anything else (a new file, whose ignore rules are unknown) falls
   * back to a full incremental run.
   */
  onlyPaths?: string[];
  /** A long-lived chunker to use (and leave open); by default each run starts and stops its own. */
  chunker?: ChunkerPool;
  /** Remove more than half of the indexed files without asking (the CLI's --allow-mass-delete). */
  allowMassDelete?: boolean;
  /** Asked before a run removes more than half of the indexed files; without it such a run fails. */
  confirmMassDelete?: (removing: number, indexed: number) => Promise<boolean>;
}

export interface IndexRunResult {
  filesSeen: number;
  added: number;
  changed: number;
  touched: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  chunksStored: number;
  chunksEmbedded: number;
  vectorsReused: number;
  rebuildReason?: string;
  keywordReadyMs: number;
  totalMs: number;
  cancelled: boolean;
}

/** Rows per store write: LanceDB inserts 76k–109k rows/s in 2k–10k batches, far less below. */
const STORE_BATCH_ROWS = 4_000;
/** Files read+chunked concurrently; more than twice the workers only grew memory in bench. */
const READ_CONCURRENCY = 8;
/** Targeted updates up to this many files skip the optimize step (it costs ~0.3–2 s). */
const SMALL_UPDATE_FILES = 20;
/** From this many new chunks the dead heap left by chunking is worth a full collection (~0.1 s). */
const LARGE_BUILD_CHUNKS = 50_000;

export async function runIndex(options: IndexerOptions): Promise<IndexRunResult> {
  const started = performance.now();
  const { signal } = options;
  const gate = options.gate ?? new PauseGate();
  // Before the index is opened or created: a typo must not leave an empty index behind either.
  await assertRootsReadable(options.roots);
  const lock = await acquireWriterLock(options.dbDir, {}).catch((err: unknown) => {
    throw storeWriteError(err, options.dbDir, 'taking the writer lock');
  });
  if (!lock) {
    throw new AskCodebaseError('index-locked', 'Another window or the CLI is updating this index right now. Search keeps working; try again when it finishes.');
  }
  const store = await IndexStore.open(options.dbDir, {
    embedderId: options.embedder?.id ?? 'none',
    dimension: options.embedder?.dimension ?? 0,
    chunking: chunkingId(options.chunk),
    // Full runs check every data file and index (a targeted save stays cheap).
  }, { verify: !options.onlyPaths }).catch(async (err: unknown) => {
    // A store that cannot open (a full disk while creating its tables) must not keep the index locked.
    await lock.release();
    throw err;
  });
  const pool = options.chunker ?? new ChunkerPool({ workers: options.workers ?? 1, chunkOptions: options.chunk });
  const meter = new ProgressMeter();
  const result: IndexRunResult = {
    filesSeen: 0, added: 0, changed: 0, touched: 0, unchanged: 0, deleted: 0, skipped: 0,
    chunksStored: 0, chunksEmbedded: 0, vectorsReused: 0, keywordReadyMs: 0, totalMs: 0, cancelled: false,
    rebuildReason: store.rebuildReason,
  };
  if (store.rebuildReason) options.onMessage?.('warn', `Rebuilding the index: ${store.rebuildReason}`);
  if (store.repairNote) options.onMessage?.('warn', `Repairing the index: ${store.repairNote}`);
  const report = (e: Omit<ProgressEvent, 'chunksPerSecond' | 'etaSeconds'>) => options.onProgress?.(meter.event(e));

  try {
    const known = new Map<string, KnownFile>(await store.listFiles());
    const seen = new Set<string>();
    const work: { file: ScannedFile; storePath: string }[] = [];
    const skippedRows = [];

    // The index's own folder is never walked: inside a root it would index its own writes.
    const scan = { ...options.scan, excludeFolders: [...(options.scan?.excludeFolders ?? []), await fs.realpath(options.dbDir)] };
    const realRoots = new Map<string, string | undefined>();
    for (const root of options.roots) realRoots.set(root.path, await fs.realpath(root.path).catch(() => undefined));
    const targeted = options.onlyPaths ? await targetedWork(options.roots, options.onlyPaths, known, options.scan) : undefined;
    if (targeted) {
      work.push(...targeted.work);
      skippedRows.push(...targeted.skipped);
      result.filesSeen = targeted.work.length;
      for (const p of known.keys()) if (!targeted.gone.includes(p)) seen.add(p);
    }
    // Phase 1: walk (stat only). Cheap, and it gives the totals that make progress honest.
    for (const root of targeted ? [] : options.roots) {
      const prefix = root.label ? `${root.label}/` : '';
      for await (const event of scanWorkspace([root.path], scan, signal)) {
        if (event.type === 'skipped') {
          // The root itself went away during the walk: stop before anything is deleted.
          if (event.file.path === '') throw rootUnreadable(root.path, event.file.detail);
          // Folders skipped by rule are counted, not stored; one that cannot be read is listed.
          if (event.file.path.endsWith('/') && event.file.reason !== 'unreadable') continue;
          const storePath = prefix + event.file.path;
          seen.add(storePath);
          skippedRows.push(skippedFileRow(storePath, event.file.reason, event.file.detail ?? ''));
          continue;
        }
        const storePath = prefix + event.file.path;
        seen.add(storePath);
        result.filesSeen++;
        const decision = statDecision(known.get(storePath), event.file.size, event.file.mtimeMs);
        if (decision === 'unchanged') result.unchanged++;
        else work.push({ file: event.file, storePath });
        if (result.filesSeen % 2000 === 0) report({ phase: 'scan', filesDone: result.filesSeen, filesTotal: 0, chunksDone: 0 });
      }
    }
    if (signal?.aborted) return finish(true);

    // Files that vanished. With an embedder their rows stay until vectors are done, so a renamed
    // or moved file reuses its vectors by content hash instead of being embedded again.
    const gone = [...known.keys()].filter((p) => !seen.has(p));
    // A file the scanner skips now (ignored, too large, a link out of the root) loses its chunks.
    const nowSkipped = skippedRows.filter((r) => { const k = known.get(r.path); return k !== undefined && k.status !== 'skipped'; });
    const indexedBefore = [...known.values()].filter((k) => k.status !== 'skipped').length;
    const removing = gone.filter((p) => known.get(p)?.status !== 'skipped').length + nowSkipped.length;
    if (isMassDelete(removing, indexedBefore) && !options.allowMassDelete && !(await options.confirmMassDelete?.(removing, indexedBefore))) {
      throw massDeleteRefused(removing, indexedBefore);
    }
    result.deleted = gone.length;
    if (gone.length > 0 && !options.embedder) await store.deleteFiles(gone);
    if (nowSkipped.length > 0) await store.deleteFiles(nowSkipped.map((r) => r.path));
    result.skipped = skippedRows.length;
    if (skippedRows.length > 0) await store.upsertFileRows(skippedRows);
    const nothing = targeted ? undefined : nothingIndexedWarning(result.filesSeen, skippedRows);
    if (nothing) options.onMessage?.('warn', nothing);

    // Phase 2: read, hash, chunk and store in batches — keyword search works from the first batch.
    let batch: PendingFile[] = [];
    let batchRows = 0;
    let filesDone = 0;
    const touchedRows: FileRow[] = [];
    const readSkipRows: FileRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const b = batch;
      batch = [];
      batchRows = 0;
      await store.replaceFiles(b.map((p) => ({ file: p.file, chunks: p.chunks })));
    };

    let next = 0;
    report({ phase: 'chunk', filesDone: 0, filesTotal: work.length, chunksDone: 0 });
    const processOne = async (item: { file: ScannedFile; storePath: string }) => {
      const realRoot = realRoots.get(item.file.root);
      if (!realRoot) return { kind: 'skipped' as const, row: skippedFileRow(item.storePath, 'unreadable', 'its workspace folder cannot be resolved') };
      const read = await readSourceFile(item.file.absPath, { maxFileSizeBytes: options.scan?.maxFileSizeBytes, relPath: item.file.path, signal, realRoot });
      if (!read.ok) {
        result.skipped++;
        return { kind: 'skipped' as const, row: skippedFileRow(item.storePath, read.reason, read.detail) };
      }
      const prev = known.get(item.storePath);
      const decision = hashDecision(prev, read.contentHash);
      if (decision === 'touched') {
        result.touched++;
        const row = indexedFileRow(item.storePath, item.file, read.contentHash, prev?.chunkCount ?? 0);
        return { kind: 'touched' as const, row: { ...row, status: prev?.status === 'pending-embed' ? 'pending-embed' : 'indexed' } as FileRow };
      }
      const { chunks, fallback } = await pool.chunk({ path: item.storePath, text: read.text, language: item.file.language }, signal);
      if (fallback) options.onMessage?.('info', `${item.storePath}: cut into line windows (${fallback})`);
      if (decision === 'new') result.added++;
      else result.changed++;
      return {
        kind: 'chunked' as const,
        pending: {
          file: indexedFileRow(item.storePath, item.file, read.contentHash, chunks.length, options.embedder ? 'pending-embed' : 'indexed'),
          chunks: toChunkRows(boundChunks(chunks)),
        },
      };
    };

    const workers = Array.from({ length: Math.min(READ_CONCURRENCY, work.length) }, async () => {
      while (next < work.length) {
        await gate.wait(signal);
        if (signal?.aborted) return;
        const item = work[next++];
        const out = await processOne(item);
        filesDone++;
        if (out.kind === 'skipped') readSkipRows.push(out.row);
        else if (out.kind === 'touched') touchedRows.push(out.row);
        else {
          batch.push(out.pending);
          batchRows += out.pending.chunks.length;
          result.chunksStored += out.pending.chunks.length;
          if (batchRows >= STORE_BATCH_ROWS) await flush();
        }
        if (filesDone % 50 === 0 || filesDone === work.length) {
          report({ phase: 'chunk', filesDone, filesTotal: work.length, chunksDone: result.chunksStored });
        }
      }
    });
    await Promise.all(workers);
    // The workers' parser memory (tree-sitter's WASM heaps only grow) is not needed any more;
    // freeing it before the index builds lowered the peak of a first build of Linux (78k files).
    if (!options.chunker) await pool.close();
    await flush();
    // A file that became unreadable or too large since the last run loses its old chunks.
    if (readSkipRows.length > 0) await store.deleteFiles(readSkipRows.map((r) => r.path));
    const fileRows = [...touchedRows, ...readSkipRows];
    if (fileRows.length > 0) await store.upsertFileRows(fileRows);
    if (signal?.aborted) return finish(true);

    // A few saved files are searchable without re-optimising (LanceDB scans unindexed rows); the
    // next full run folds them into the index.
    const small = targeted !== undefined && work.length <= SMALL_UPDATE_FILES && !store.repairNote;
    report({ phase: 'optimize', filesDone: work.length, filesTotal: work.length, chunksDone: result.chunksStored, message: 'updating the keyword index' });
    if (!small) {
      if (result.chunksStored >= LARGE_BUILD_CHUNKS) releaseMemory();
      await optimizeOrHeal(store, options);
    }
    result.keywordReadyMs = performance.now() - started;

    // Phase 3: vectors for every chunk that lacks one (this run's and any a killed run left).
    if (options.embedder) {
      meter.reset();
      const embedded = await embedMissingVectors(store, options.embedder, { signal, gate, onProgress: report });
      result.chunksEmbedded = embedded.embedded;
      result.vectorsReused = embedded.reused;
      if (signal?.aborted) return finish(true);
      if (gone.length > 0) await store.deleteFiles(gone);
      if (!small) await store.optimize();
    }
    // A rebuild becomes the index readers see only now that it is complete.
    await store.commit();
    report({ phase: 'done', filesDone: work.length, filesTotal: work.length, chunksDone: result.chunksStored });
    return finish(false);
  } catch (err) {
    // Cancellation surfaces as an error from whichever stage was running; what was stored stays.
    if (signal?.aborted) return finish(true);
    throw err;
  } finally {
    if (!options.chunker) await pool.close();
    await store.close();
    await lock.release();
  }

  function finish(cancelled: boolean): IndexRunResult {
    result.cancelled = cancelled;
    result.totalMs = performance.now() - started;
    return result;
  }
}

/**
 * Optimizes; when that fails on chunks over the byte bound (stored before chunks were bounded),
 * drops their files so the next run stores them cut to size, and tries once more. A failed
 * full-text build must not fail every later run.
 */
async function optimizeOrHeal(store: IndexStore, options: IndexerOptions): Promise<void> {
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

/**
 * Work for a targeted update, or undefined when a full run is needed. A path that now leads out
 * of the root (or to a key file) gets a skip record instead of a read.
 */
async function targetedWork(roots: IndexRoot[], storePaths: string[], known: Map<string, KnownFile>, scan: ScanOptions | undefined) {
  const work: { file: ScannedFile; storePath: string }[] = [];
  const gone: string[] = [];
  const skipped: FileRow[] = [];
  const judges = new Map<IndexRoot, PathJudge>();
  for (const storePath of new Set(storePaths)) {
    const prev = known.get(storePath);
    if (!prev || prev.status === 'skipped') return undefined;
    const located = locateStorePath(roots, storePath);
    if (!located) return undefined;
    const { root, rel } = located;
    // An edited ignore file changes what is indexed anywhere below it: only a walk can tell.
    if (ignoreFileNames.some(([name]) => path.posix.basename(rel) === name)) return undefined;
    const absPath = path.join(root.path, rel);
    const st = await fs.lstat(absPath).catch(() => undefined);
    if (!st) {
      gone.push(storePath);
      continue;
    }
    let judge = judges.get(root);
    if (!judge) judges.set(root, (judge = new PathJudge(root.path, scan)));
    // The last walk accepted this path and no ignore file changed since (that would be a full
    // run): what can have changed is where the path leads.
    const verdict = await judge.linkVerdict(rel);
    if (verdict === 'unknown') return undefined;
    if (verdict) skipped.push(skippedFileRow(storePath, verdict.reason, verdict.detail));
    else {
      const target = st.isSymbolicLink() ? await fs.stat(absPath).catch(() => undefined) : st;
      if (!target?.isFile()) return undefined;
      work.push({ storePath, file: { root: root.path, path: rel, absPath, size: target.size, mtimeMs: target.mtimeMs, language: languageForPath(rel) } });
    }
  }
  return { work, gone, skipped };
}
