// Messages between an editor (or any caller) and a build process (buildChild.ts) over Node's IPC
// channel. The process runs jobs one after another and exits when its parent disconnects: a
// build, and any step meant to follow it in the same process (a job kind of its own), share one
// child. Only plain data crosses: options without functions, errors as code + message.
import type { EmbedderSpec } from '../embed/createEmbedder.js';
import type { ChunkOptions } from '../chunk/chunkFile.js';
import type { ScanOptions } from '../scan/scanOptions.js';
import type { AskCodebaseErrorCode, ProgressEvent } from '../types.js';
import type { StoreStats } from '../store/storeStats.js';
import type { IndexRunResult } from './indexer.js';
import type { IndexRoot } from './planIndex.js';

/** runIndex's options as data: the embedder named by a spec the child loads itself. */
export interface IndexJobOptions {
  roots: IndexRoot[];
  dbDir: string;
  embedder: EmbedderSpec;
  scan?: ScanOptions;
  chunk?: ChunkOptions;
  workers?: number;
  onlyPaths?: string[];
  allowMassDelete?: boolean;
}

/** What an index job answers: the run, and the index's numbers after it (not after a cancel). */
export interface IndexJobResult {
  result: IndexRunResult;
  stats?: StoreStats;
}

/**
 * A unit of work for the build process. New kinds (a step after a build) add a member here and a
 * handler in buildJobs.ts; the transport does not change.
 */
export type BuildJob =
  | { kind: 'index'; options: IndexJobOptions }
  | { kind: 'tune'; options: TuneJobOptions }
  /** Gives back the space of old table versions (reclaimSpace.ts); answers false when another writer holds the index. */
  | { kind: 'reclaim'; options: { dbDir: string } };

/**
 * The self-evaluation after a new or rebuilt index (src/core/tune/afterBuild.ts), run in the same
 * process as the build; answers the saved report, or undefined when the index already has one.
 */
export interface TuneJobOptions {
  dbDir: string;
  root: string;
  buildMs: number;
  embedder: EmbedderSpec;
}

/** A question the job asks its parent and waits on (the parent may show it to the user). */
export type BuildQuestion = { kind: 'confirm-mass-delete'; removing: number; indexed: number };

export type ToBuildProcess =
  | { type: 'run'; jobId: number; job: BuildJob }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel'; jobId: number }
  | { type: 'answer'; askId: number; value: boolean };

export type FromBuildProcess =
  | { type: 'progress'; jobId: number; event: ProgressEvent }
  | { type: 'log'; jobId: number; level: 'info' | 'warn'; message: string }
  | { type: 'ask'; jobId: number; askId: number; question: BuildQuestion }
  | { type: 'done'; jobId: number; result: unknown; peakRssBytes: number }
  | { type: 'failed'; jobId: number; error: { code?: AskCodebaseErrorCode; message: string }; peakRssBytes: number };
