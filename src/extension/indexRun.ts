// One index run for the editor: the settings read, saved paths filtered by the scanner's rules,
// then the engine's runIndex — in a build process of its own for full and large runs
// (buildProcessRun.ts), in this process only for a few saved files that are already indexed — and
// the index's numbers afterwards. LanceDB and tree-sitter load here on the first run, not when
// the editor starts.
import * as vscode from 'vscode';
import type { ChunkerPool } from '../core/chunk/chunkerPool.js';
import type { ChunkOptions } from '../core/chunk/chunkFile.js';
import type { EmbedderSpec } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';
import type { BuildProcess } from '../core/index/buildProcess.js';
import type { IndexRunResult } from '../core/index/indexer.js';
import type { PauseGate } from '../core/index/pauseGate.js';
import { relevantChanges } from '../core/index/relevantChanges.js';
import type { ScanOptions } from '../core/scan/scanOptions.js';
import type { StoreStats } from '../core/store/storeStats.js';
import type { ProgressEvent } from '../core/types.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import { runInBuildProcess } from './buildProcessRun.js';
import { confirmMassDelete } from './indexPrompts.js';

/**
 * Saved files up to this many are applied in the extension host (no process start, ~0.2 s from
 * save to searchable); anything larger, or anything that needs a walk, runs in a build process.
 */
const IN_HOST_MAX_PATHS = 20;
/**
 * ...and only while the index is this small: opening it and listing its files runs on the host's
 * thread, which a save in the 78k-file Linux tree blocked for 0.9 s (scripts/bench/editor-build.mjs
 * --save); ~12 µs per indexed file puts 5,000 files near 60 ms.
 */
const IN_HOST_MAX_INDEXED_FILES = 5_000;

export interface EditorRun {
  roots: LabelledRoot[];
  dbDir: string;
  /** Saved paths for a targeted update; undefined for a full run. */
  onlyPaths: string[] | undefined;
  signal: AbortSignal;
  gate: PauseGate;
  embedder: () => Promise<Embedder | null>;
  /** The embedder as data, for a build process that loads it itself. */
  embedderSpec: () => EmbedderSpec;
  /** The long-lived chunker targeted updates share (created on first use). */
  chunker: (options: ChunkOptions) => Promise<ChunkerPool>;
  log: vscode.LogOutputChannel;
  onProgress: (progress: ProgressEvent, filesPerSecond: number | undefined) => void;
  /** Files in the index after the last run, if known: a large index is updated out of the host. */
  indexedFiles: number | undefined;
  /** A run the user did not ask for (fetching the `auto` model): its rebuild is not announced. */
  background?: boolean;
  /** A build process started for this run (its pid, its memory). */
  onBuildProcess?: (child: BuildProcess) => void;
}

/** What both kinds of run share: the settings, and how messages and progress reach the editor. */
export interface RunSettings {
  scan: ScanOptions;
  chunk: ChunkOptions;
  onProgress: (progress: ProgressEvent) => void;
  onMessage: (level: 'info' | 'warn', message: string) => void;
  confirmMassDelete: (removing: number, indexed: number) => Promise<boolean>;
}

/** Undefined when a targeted update had nothing the scanner would index. */
export async function runForEditor(o: EditorRun): Promise<{ result: IndexRunResult; stats?: StoreStats } | undefined> {
  const config = vscode.workspace.getConfiguration('askCodebase');
  const started = performance.now();
  const scan = { maxFileSizeBytes: Math.max(1, config.get<number>('maxFileSizeKB', 1024)) * 1024 };
  let onlyPaths = o.onlyPaths;
  let walk = false;
  // Saves in ignored folders (build output, dependencies) would otherwise each start a walk.
  if (onlyPaths) ({ paths: onlyPaths, walk } = await relevantChanges(o.roots, onlyPaths, { scan, indexDir: o.dbDir }));
  if (onlyPaths?.length === 0) return undefined;
  const settings: RunSettings = {
    scan,
    chunk: { maxLines: Math.min(400, Math.max(10, config.get<number>('chunkMaxLines', 60))) },
    onProgress: (progress) => {
      if (onlyPaths || progress.filesTotal === 0) return;
      const seconds = (performance.now() - started) / 1000;
      o.onProgress(progress, seconds > 1 ? progress.filesDone / seconds : undefined);
    },
    onMessage: (level, message) => {
      if (level === 'info') return o.log.info(message);
      o.log.warn(message);
      // A rebuild or repair is announced, with its reason (another model, a damaged file...).
      if (!o.background && /^(Rebuilding|Repairing) the index/.test(message)) void vscode.window.showInformationMessage(`Ask Codebase: ${message}`);
    },
    confirmMassDelete,
  };
  const small = o.indexedFiles !== undefined && o.indexedFiles <= IN_HOST_MAX_INDEXED_FILES;
  const inHost = onlyPaths !== undefined && !walk && small && onlyPaths.length <= IN_HOST_MAX_PATHS;
  const hostResult = inHost ? await runInHost(o, onlyPaths!, settings) : undefined;
  const done = !hostResult || hostResult.walkNeeded ? await runInBuildProcess(o, onlyPaths, settings) : { result: hostResult };
  const { result } = done;
  if (result.cancelled) return { result };
  o.log.info(`indexed ${result.added + result.changed + result.touched + result.unchanged} files (${result.added} new, ${result.changed} changed, ${result.deleted} deleted) in ${(result.totalMs / 1000).toFixed(1)} s`);
  if (done.stats) return done;
  const { IndexStore } = await import('../core/store/indexStore.js');
  return { result, stats: await IndexStore.readStats(o.dbDir) };
}

/** A few saved, already indexed files: applied here; `walkNeeded` when they turn out to need a walk. */
async function runInHost(o: EditorRun, onlyPaths: string[], s: RunSettings): Promise<IndexRunResult> {
  const embedder = await o.embedder();
  const { runIndex } = await import('../core/index/indexer.js');
  return runIndex({
    roots: o.roots, dbDir: o.dbDir, embedder, signal: o.signal, gate: o.gate, onlyPaths, noWalk: true,
    chunker: await o.chunker(s.chunk), scan: s.scan, chunk: s.chunk,
    onProgress: s.onProgress, onMessage: s.onMessage, confirmMassDelete: s.confirmMassDelete,
  });
}
