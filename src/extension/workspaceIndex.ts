// The workspace's index, owned by this window: built in the background after start-up, kept in
// the extension's workspace storage, updated from file events, searched by the chat.
import fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ChunkerPool } from '../core/chunk/chunkerPool.js';
import type { BuildProcess } from '../core/index/buildProcess.js';
import type { Embedder } from '../core/embed/embedder.js';
import type { IndexRunResult } from '../core/index/indexer.js';
import { PauseGate } from '../core/index/pauseGate.js';
import type { IndexStore } from '../core/store/indexStore.js';
import { AskCodebaseError } from '../core/types.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import { BuildRestarts } from './buildRestarts.js';
import { ConfiguredEmbedder } from './configuredEmbedder.js';
import { offerRebuildIfDamaged } from './indexPrompts.js';
import { runForEditor } from './indexRun.js';
import { ReclaimScheduler } from './reclaimScheduler.js';
import { RunQueue } from './runQueue.js';
import { openIndexStore } from './openIndexStore.js';
import { workspaceRoots } from './workspaceRoots.js';
import type { IndexState } from './indexState.js';

export type { IndexState } from './indexState.js';

/** File events closer together than this become one update (a branch switch, a formatter run). */
const UPDATE_DEBOUNCE_MS = 400;

export class WorkspaceIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IndexState>();
  readonly onDidChangeState = this.changed.event;
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires after every completed run (full or targeted): the index content changed. */
  readonly onDidUpdate = this.updated.event;
  private current: IndexState = { state: 'idle' };
  private abort: AbortController | undefined;
  private readonly gate = new PauseGate();
  private readonly queue: RunQueue<IndexRunResult>;
  private readonly reclaim: ReclaimScheduler;
  private chunker: Promise<ChunkerPool> | undefined;
  private disposed = false;
  /** A run ended with the index complete since the window opened (or since Clear Index). */
  private completed = false;
  private readonly embedder: ConfiguredEmbedder;
  private readonly restarts: BuildRestarts;
  /** The build process of the run in flight, if it has one. */
  buildProcess: BuildProcess | undefined;
  /** The last build process that ended: its pid and peak memory (benchmarks, tests). */
  lastBuildProcess: { pid: number; peakRssBytes: number } | undefined;

  constructor(
    readonly dbDir: string,
    modelCacheDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.embedder = new ConfiguredEmbedder(modelCacheDir, log);
    this.restarts = new BuildRestarts(() => void this.reindex(), log);
    this.reclaim = new ReclaimScheduler(dbDir, log, () => this.disposed || this.queue.running !== undefined);
    this.queue = new RunQueue((onlyPaths) => this.run(onlyPaths), () => this.reclaim.reclaiming, () => this.disposed, UPDATE_DEBOUNCE_MS);
  }

  get state(): IndexState {
    return this.current;
  }

  get paused(): boolean {
    return this.gate.paused;
  }

  /** Every workspace folder; labelled by folder name when there are several. */
  roots(): LabelledRoot[] {
    return workspaceRoots();
  }

  /** The configured embedding model, loaded once (downloaded on first use); null for 'none'. */
  currentEmbedder(): Promise<Embedder | null> {
    return this.embedder.current();
  }

  /**
   * A full incremental run over every folder (only changed files are re-read). Resolves when a
   * run that started after this call is done, not when a run already in flight ends.
   */
  reindex(): Promise<IndexRunResult | undefined> {
    return this.queue.full();
  }

  /** Files changed on disk (saves, creates, deletes): a targeted update after a short pause. */
  filesChanged(storePaths: string[]): void {
    this.queue.paths(storePaths);
  }

  /** Resolves when no run is going and none is queued (for tests and commands). */
  settled(): Promise<void> {
    return this.queue.settled();
  }

  pause(): void {
    this.gate.pause();
    if (this.current.state === 'indexing') this.set({ ...this.current, paused: true });
  }

  resume(): void {
    this.gate.resume();
    if (this.current.state === 'indexing') this.set({ ...this.current, paused: false });
  }

  /** "Retry Embedding Model Download": a full run that fetches the `auto` model again. */
  retryEmbeddingModel(): Promise<IndexRunResult | undefined> {
    this.embedder.retryAuto();
    return this.reindex();
  }

  /** Stops any run and deletes the index; the next re-index starts from nothing. */
  async clear(): Promise<void> {
    this.queue.clear();
    this.abort?.abort();
    this.gate.resume();
    this.reclaim.cancel();
    this.restarts.cancel();
    await this.queue.running;
    await this.reclaim.reclaiming;
    await fs.rm(this.dbDir, { recursive: true, force: true });
    this.completed = false;
    this.set({ state: 'idle', cleared: true });
    this.updated.fire();
  }

  /** Opens the index for reading; while a first build is still writing it, waits for it. */
  openStore(): Promise<IndexStore> {
    return openIndexStore(this.dbDir, () => this.queue.running);
  }

  /** True while a run is writing: answers may miss files not reached yet. */
  get building(): boolean {
    return this.queue.running !== undefined;
  }

  /**
   * True while a run builds an index this window has not yet seen complete (the first build,
   * after Clear Index): a question waits for it. Later runs (saves, catching up, adding vectors
   * to a keyword index) leave a complete index to answer from.
   */
  get awaitingFirstIndex(): boolean {
    return this.building && !this.completed;
  }

  dispose(): void {
    this.disposed = true;
    this.queue.dispose();
    this.reclaim.cancel();
    this.restarts.cancel();
    this.abort?.abort();
    this.gate.resume();
    this.embedder.dispose();
    void this.chunker?.then((c) => c.close(), () => undefined);
    this.changed.dispose();
    this.updated.dispose();
  }

  private async run(onlyPaths: string[] | undefined): Promise<IndexRunResult | undefined> {
    const roots = this.roots();
    if (roots.length === 0) return undefined;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const before = this.current;
    // This full run fetches the `auto` model: its failure leaves the keyword index as it was.
    const fetchingModel = !onlyPaths && this.embedder.fetchingAuto;
    if (!onlyPaths) this.set({ state: 'indexing', paused: this.gate.paused });
    try {
      const done = await runForEditor({
        roots, dbDir: this.dbDir, onlyPaths, signal, gate: this.gate, log: this.log, background: fetchingModel,
        embedder: () => this.currentEmbedder(),
        embedderSpec: () => this.embedder.spec(),
        onBuildProcess: (child) => this.watchBuildProcess(child),
        indexedFiles: this.current.state === 'ready' ? this.current.files : undefined,
        chunker: (chunkOptions) => (this.chunker ??= import('../core/chunk/chunkerPool.js').then(({ ChunkerPool }) => new ChunkerPool({ workers: 1, chunkOptions }))),
        onProgress: (progress, filesPerSecond) => this.set({ state: 'indexing', progress, paused: this.gate.paused, filesPerSecond }),
      });
      if (!done?.stats) return done?.result;
      const { result, stats } = done;
      this.restarts.succeeded();
      if (!onlyPaths) this.completed = true;
      if (!onlyPaths && result.added + result.changed + result.deleted + result.chunksEmbedded > 0) this.reclaim.schedule();
      if (fetchingModel) this.embedder.autoSucceeded();
      this.set({ state: 'ready', files: stats.files, chunks: stats.chunks, skipped: stats.skippedTotal, embedded: stats.dimension > 0, keywordOnly: this.embedder.keywordOnlyReason() });
      this.updated.fire();
      // The keyword index answers now; the `auto` model is fetched next, in another build.
      if (!onlyPaths && this.embedder.takeAutoDownload()) void this.queue.full();
      return result;
    } catch (err) {
      if (signal.aborted) return undefined;
      const message = err instanceof Error ? err.message : String(err);
      if (fetchingModel) {
        this.embedder.autoFailed(message);
        if (before.state === 'ready') this.set({ ...before, keywordOnly: this.embedder.keywordOnlyReason() });
        else void this.queue.full();
        return undefined;
      }
      this.log.error(`indexing failed: ${message}`);
      if (err instanceof AskCodebaseError && err.code === 'build-process-died') {
        this.set({ state: 'error', ...this.restarts.failed(message) });
        return undefined;
      }
      this.offerRebuildIfDamaged(err);
      this.set({ state: 'error', message });
      return undefined;
    }
  }

  private watchBuildProcess(child: BuildProcess): void {
    this.buildProcess = child;
    void child.exited.then(() => {
      this.lastBuildProcess = { pid: child.pid, peakRssBytes: child.peakRssBytes };
      if (this.buildProcess === child) this.buildProcess = undefined;
    });
  }

  /** After a read failure inside the index, offers the full run that repairs it. */
  offerRebuildIfDamaged(err: unknown): void {
    offerRebuildIfDamaged(err, () => void this.reindex());
  }

  private set(state: IndexState): void {
    if (this.disposed) return;
    this.current = state;
    this.changed.fire(state);
  }
}
