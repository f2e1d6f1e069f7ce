// Brings an index up to date with the workspace: plan (walk or the changed paths → work,
// removals, skips), then apply (read+hash → chunk → store, keyword searchable → embed missing
// vectors). Incremental, resumable, pausable and cancellable.
import type { Embedder } from '../embed/embedder.js';
import { chunkingId, type ChunkOptions } from '../chunk/chunkFile.js';
import { ChunkerPool } from '../chunk/chunkerPool.js';
import type { ScanOptions } from '../scan/scanOptions.js';
import { IndexStore } from '../store/indexStore.js';
import { acquireWriterLock, type WriterLock } from '../store/writerLock.js';
import { releaseMemory } from './releaseMemory.js';
import { nothingIndexedWarning } from './nothingIndexed.js';
import { storeWriteError } from '../store/storeErrors.js';
import { AskCodebaseError, type ProgressEvent } from '../types.js';
import { PauseGate } from './pauseGate.js';
import { assertRootsReadable, isMassDelete, massDeleteRefused } from './rootChecks.js';
import { ProgressMeter } from './progressMeter.js';
import { embedMissingVectors } from './embedPhase.js';
import { planIndex, type IndexPlan, type IndexRoot } from './planIndex.js';
import { applyRemovals, noWorkStored, optimizeOrHeal, storeWork } from './applyPlan.js';

export type { IndexRoot } from './planIndex.js';

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
  /**
   * With `onlyPaths`: when they cannot be applied without a walk (a new file, a changed ignore
   * file), do nothing and say so (`walkNeeded`), so the caller can run the walk elsewhere.
   */
  noWalk?: boolean;
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
  /** Set when `noWalk` was asked and only a walk could apply the changed paths: nothing was done. */
  walkNeeded?: boolean;
}

/** Targeted updates up to this many files skip the optimize step (it costs ~0.3–2 s). */
const SMALL_UPDATE_FILES = 20;
/** From this many new chunks the dead heap left by chunking is worth a full collection (~0.1 s). */
const LARGE_BUILD_CHUNKS = 50_000;

export async function runIndex(options: IndexerOptions): Promise<IndexRunResult> {
  const started = performance.now();
  const { signal } = options;
  const gate = options.gate ?? new PauseGate();
  const { store, lock } = await openLocked(options);
  const pool = options.chunker ?? new ChunkerPool({ workers: options.workers ?? 1, chunkOptions: options.chunk });
  const meter = new ProgressMeter();
  const report = (e: Omit<ProgressEvent, 'chunksPerSecond' | 'etaSeconds'>) => options.onProgress?.(meter.event(e));
  if (store.rebuildReason) options.onMessage?.('warn', `Rebuilding the index: ${store.rebuildReason}`);
  if (store.repairNote) options.onMessage?.('warn', `Repairing the index: ${store.repairNote}`);
  let plan: IndexPlan | undefined;
  const stored = noWorkStored();
  const vectors = { embedded: 0, reused: 0 };
  let keywordReadyMs = 0;
  const finish = (cancelled: boolean): IndexRunResult => ({
    filesSeen: plan?.filesSeen ?? 0, added: stored.added, changed: stored.changed, touched: stored.touched, unchanged: plan?.unchanged ?? 0,
    deleted: plan?.gone.length ?? 0, skipped: (plan?.skipped.length ?? 0) + stored.readSkipped, chunksStored: stored.chunksStored,
    chunksEmbedded: vectors.embedded, vectorsReused: vectors.reused, rebuildReason: store.rebuildReason,
    keywordReadyMs, totalMs: performance.now() - started, cancelled,
  });

  try {
    const known = new Map(await store.listFiles());
    plan = await planIndex({
      roots: options.roots, known, scan: options.scan, indexDir: options.dbDir, onlyPaths: options.onlyPaths, signal,
      onWalked: (filesSeen) => report({ phase: 'scan', filesDone: filesSeen, filesTotal: 0, chunksDone: 0 }),
      noWalk: Boolean(options.noWalk && options.onlyPaths),
    });
    if (!plan) return { ...finish(false), walkNeeded: true };
    if (signal?.aborted) return finish(true);
    if (isMassDelete(plan.removing, plan.indexedBefore) && !options.allowMassDelete && !(await options.confirmMassDelete?.(plan.removing, plan.indexedBefore))) {
      throw massDeleteRefused(plan.removing, plan.indexedBefore);
    }
    await applyRemovals(store, plan, { keepGone: Boolean(options.embedder) });
    const nothing = plan.targeted ? undefined : nothingIndexedWarning(plan.filesSeen, plan.skipped);
    if (nothing) options.onMessage?.('warn', nothing);

    await storeWork(store, plan.work, {
      roots: options.roots, known, pool, embedding: Boolean(options.embedder), maxFileSizeBytes: options.scan?.maxFileSizeBytes,
      gate, signal, report, onMessage: options.onMessage,
      // The workers' parser memory (tree-sitter's WASM heaps only grow) is not needed any more;
      // freeing it before the index builds lowered the peak of a first build of Linux (78k files).
      onChunked: async () => { if (!options.chunker) await pool.close(); },
    }, stored);
    if (signal?.aborted) return finish(true);

    // A few saved files are searchable without re-optimising (LanceDB scans unindexed rows); the
    // next full run folds them into the index.
    const small = plan.targeted && plan.work.length <= SMALL_UPDATE_FILES && !store.repairNote;
    const total = plan.work.length;
    report({ phase: 'optimize', filesDone: total, filesTotal: total, chunksDone: stored.chunksStored, message: 'updating the keyword index' });
    if (!small) {
      if (stored.chunksStored >= LARGE_BUILD_CHUNKS) releaseMemory();
      await optimizeOrHeal(store, options);
    }
    keywordReadyMs = performance.now() - started;

    // Vectors for every chunk that lacks one (this run's and any a killed run left).
    if (options.embedder) {
      meter.reset();
      Object.assign(vectors, await embedMissingVectors(store, options.embedder, { signal, gate, onProgress: report }));
      if (signal?.aborted) return finish(true);
      if (plan.gone.length > 0) await store.deleteFiles(plan.gone);
      if (!small) await store.optimize();
    }
    // A rebuild becomes the index readers see only now that it is complete.
    await store.commit();
    report({ phase: 'done', filesDone: total, filesTotal: total, chunksDone: stored.chunksStored });
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
}

/** Takes the writer lock, then opens the store for writing; a store that cannot open releases it. */
async function openLocked(options: IndexerOptions): Promise<{ store: IndexStore; lock: WriterLock }> {
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
  return { store, lock };
}
