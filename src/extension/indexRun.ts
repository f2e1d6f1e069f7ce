// One index run for the editor: the settings read, saved paths filtered by the scanner's rules,
// the engine's runIndex, and the index's numbers afterwards. LanceDB and tree-sitter load here on
// the first run, not when the editor starts.
import * as vscode from 'vscode';
import type { ChunkerPool } from '../core/chunk/chunkerPool.js';
import type { ChunkOptions } from '../core/chunk/chunkFile.js';
import type { Embedder } from '../core/embed/embedder.js';
import type { IndexRunResult } from '../core/index/indexer.js';
import type { PauseGate } from '../core/index/pauseGate.js';
import { relevantChanges } from '../core/index/relevantChanges.js';
import type { StoreStats } from '../core/store/storeStats.js';
import type { ProgressEvent } from '../core/types.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import { confirmMassDelete } from './indexPrompts.js';
import { tuneAfterEditorBuild } from './selfTuning.js';

export interface EditorRun {
  roots: LabelledRoot[];
  dbDir: string;
  /** Saved paths for a targeted update; undefined for a full run. */
  onlyPaths: string[] | undefined;
  signal: AbortSignal;
  gate: PauseGate;
  embedder: () => Promise<Embedder | null>;
  /** The long-lived chunker targeted updates share (created on first use). */
  chunker: (options: ChunkOptions) => Promise<ChunkerPool>;
  log: vscode.LogOutputChannel;
  onProgress: (progress: ProgressEvent, filesPerSecond: number | undefined) => void;
}

/** Undefined when a targeted update had nothing the scanner would index. */
export async function runForEditor(o: EditorRun): Promise<{ result: IndexRunResult; stats?: StoreStats } | undefined> {
  const config = vscode.workspace.getConfiguration('askCodebase');
  const started = performance.now();
  const scan = { maxFileSizeBytes: Math.max(1, config.get<number>('maxFileSizeKB', 1024)) * 1024 };
  let onlyPaths = o.onlyPaths;
  // Saves in ignored folders (build output, dependencies) would otherwise each start a walk.
  if (onlyPaths) onlyPaths = (await relevantChanges(o.roots, onlyPaths, { scan, indexDir: o.dbDir })).paths;
  if (onlyPaths?.length === 0) return undefined;
  const embedder = await o.embedder();
  const chunk = { maxLines: Math.min(400, Math.max(10, config.get<number>('chunkMaxLines', 60))) };
  const { runIndex } = await import('../core/index/indexer.js');
  const result = await runIndex({
    roots: o.roots, dbDir: o.dbDir, embedder, signal: o.signal, gate: o.gate, onlyPaths,
    chunker: onlyPaths ? await o.chunker(chunk) : undefined,
    scan,
    chunk,
    onProgress: (progress) => {
      if (onlyPaths || progress.filesTotal === 0) return;
      const seconds = (performance.now() - started) / 1000;
      o.onProgress(progress, seconds > 1 ? progress.filesDone / seconds : undefined);
    },
    onMessage: (level, message) => {
      if (level === 'info') return o.log.info(message);
      o.log.warn(message);
      // A rebuild or repair is announced, with its reason (another model, a damaged file...).
      if (/^(Rebuilding|Repairing) the index/.test(message)) void vscode.window.showInformationMessage(`Ask Codebase: ${message}`);
    },
    confirmMassDelete,
  });
  if (result.cancelled) return { result };
  o.log.info(`indexed ${result.added + result.changed + result.touched + result.unchanged} files (${result.added} new, ${result.changed} changed, ${result.deleted} deleted) in ${(result.totalMs / 1000).toFixed(1)} s`);
  if (!onlyPaths && o.roots.length === 1) await tuneAfterEditorBuild(o.dbDir, o.roots[0].path, result.totalMs, embedder, o.signal, o.log);
  const { IndexStore } = await import('../core/store/indexStore.js');
  return { result, stats: await IndexStore.readStats(o.dbDir) };
}
