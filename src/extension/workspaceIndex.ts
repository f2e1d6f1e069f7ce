// The workspace's index, owned by this window: built in the background after start-up, kept in
// the extension's workspace storage, updated from file events, searched by the chat.
import fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { ChunkerPool } from '../core/chunk/chunkerPool.js';
import { createEmbedder } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';
import { runIndex, type IndexRunResult } from '../core/index/indexer.js';
import { PauseGate } from '../core/index/pauseGate.js';
import { reclaimSpace } from '../core/index/reclaimSpace.js';
import { relevantChanges } from '../core/index/relevantChanges.js';
import { IndexStore } from '../core/store/indexStore.js';
import { damagedIndexFile } from '../core/store/storeErrors.js';
import { AskCodebaseError, type ProgressEvent } from '../core/types.js';
import { uniqueRootLabels, type LabelledRoot } from '../core/workspacePaths.js';

export type IndexState =
  | { state: 'idle' }
  | { state: 'indexing'; progress?: ProgressEvent; paused: boolean; filesPerSecond?: number }
  | { state: 'ready'; files: number; chunks: number; skipped: number; embedded: boolean }
  | { state: 'error'; message: string };

/** File events closer together than this become one update (a branch switch, a formatter run). */
const UPDATE_DEBOUNCE_MS = 400;
/** Past the store's 60 s grace for readers, so the old versions can actually go. */
const RECLAIM_DELAY_MS = 75_000;

export class WorkspaceIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IndexState>();
  readonly onDidChangeState = this.changed.event;
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires after every completed run (full or targeted): the index content changed. */
  readonly onDidUpdate = this.updated.event;
  private current: IndexState = { state: 'idle' };
  private running: Promise<IndexRunResult | undefined> | undefined;
  private abort: AbortController | undefined;
  private readonly gate = new PauseGate();
  private pending = new Set<string>();
  private pendingFull = false;
  /** Full runs asked for, and the number of the last request a finished run covered. */
  private fullRequested = 0;
  private fullCovered = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private reclaimTimer: ReturnType<typeof setTimeout> | undefined;
  /** A space reclaim in progress: it holds the writer lock, so runs wait for it. */
  private reclaiming: Promise<void> | undefined;
  private chunker: ChunkerPool | undefined;
  private disposed = false;

  private embedder: Promise<Embedder | null> | undefined;
  private embedderModel = 'none';

  constructor(
    readonly dbDir: string,
    private readonly modelCacheDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): IndexState {
    return this.current;
  }

  get paused(): boolean {
    return this.gate.paused;
  }

  /** Every workspace folder; labelled by folder name when there are several. */
  roots(): LabelledRoot[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    // Two folders may share a name (a/src, b/src): their labels must not.
    const labels = uniqueRootLabels(folders.map((f) => f.name));
    return folders.map((f, i) => ({ path: f.uri.fsPath, label: folders.length > 1 ? labels[i] : undefined }));
  }

  /** The configured embedding model, loaded once (downloaded on first use); null for 'none'. */
  currentEmbedder(): Promise<Embedder | null> {
    const model = vscode.workspace.getConfiguration('askCodebase').get<string>('embeddingModel', 'none').trim() || 'none';
    if (this.embedder && model === this.embedderModel) return this.embedder;
    const previous = this.embedder;
    this.embedderModel = model;
    this.embedder = (async () => {
      await (await previous?.catch(() => null))?.dispose();
      if (model === 'none') return null;
      this.log.info(`loading embedding model ${model}`);
      return createEmbedder({
        kind: 'transformers', modelId: model, cacheDir: this.modelCacheDir, allowRemote: true,
        onDownloadProgress: (p) => p.total && this.log.info(`downloading ${p.file}: ${Math.round((100 * p.loaded) / p.total)}%`),
      });
    })();
    return this.embedder;
  }

  /**
   * A full incremental run over every folder (only changed files are re-read). Resolves when a
   * run that started after this call is done, not when a run already in flight ends.
   */
  async reindex(): Promise<IndexRunResult | undefined> {
    this.pendingFull = true;
    const ticket = ++this.fullRequested;
    let result: IndexRunResult | undefined;
    while (this.fullCovered < ticket && !this.disposed) {
      result = await this.drain();
      if (!this.running && !this.pendingFull && this.fullCovered < ticket) break; // cleared meanwhile
    }
    return result;
  }

  /** Files changed on disk (saves, creates, deletes): a targeted update after a short pause. */
  filesChanged(storePaths: string[]): void {
    for (const p of storePaths) this.pending.add(p);
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.drain(), UPDATE_DEBOUNCE_MS);
  }

  /** Resolves when no run is going and none is queued (for tests and commands). */
  async settled(): Promise<void> {
    while (this.running || this.pending.size > 0 || this.pendingFull) {
      if (!this.running) await this.drain();
      else await this.running;
    }
  }

  pause(): void {
    this.gate.pause();
    if (this.current.state === 'indexing') this.set({ ...this.current, paused: true });
  }

  resume(): void {
    this.gate.resume();
    if (this.current.state === 'indexing') this.set({ ...this.current, paused: false });
  }

  /** Stops any run and deletes the index; the next re-index starts from nothing. */
  async clear(): Promise<void> {
    this.pending.clear();
    this.pendingFull = false;
    this.fullCovered = this.fullRequested;
    this.abort?.abort();
    this.gate.resume();
    clearTimeout(this.reclaimTimer);
    await this.running;
    await this.reclaiming;
    await fs.rm(this.dbDir, { recursive: true, force: true });
    this.set({ state: 'idle' });
    this.updated.fire();
  }

  /** Opens the index for reading; while a first build is still writing it, waits for it. */
  async openStore(): Promise<IndexStore> {
    try {
      return await IndexStore.openExisting(this.dbDir);
    } catch (err) {
      if (!(err instanceof AskCodebaseError) || err.code !== 'no-index') throw err;
      if (this.running) {
        await this.running;
        return IndexStore.openExisting(this.dbDir);
      }
      throw new AskCodebaseError('no-index', 'The workspace is not indexed yet. Run "Ask Codebase: Re-index Workspace".', { cause: err });
    }
  }

  /** True while a run is writing: answers may miss files not reached yet. */
  get building(): boolean {
    return this.running !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.debounce);
    clearTimeout(this.reclaimTimer);
    this.abort?.abort();
    this.gate.resume();
    void this.embedder?.then((e) => e?.dispose(), () => undefined);
    void this.chunker?.close();
    this.changed.dispose();
    this.updated.dispose();
  }

  /** Runs queued work one run at a time: a full run if one was asked for, else the changed paths. */
  private drain(): Promise<IndexRunResult | undefined> {
    if (this.running) return this.running;
    if (this.reclaiming) return this.reclaiming.then(() => this.drain());
    if (this.disposed || (!this.pendingFull && this.pending.size === 0)) return Promise.resolve(undefined);
    const onlyPaths = this.pendingFull ? undefined : [...this.pending];
    const covers = this.pendingFull ? this.fullRequested : this.fullCovered;
    this.pendingFull = false;
    this.pending.clear();
    this.running = this.run(onlyPaths).finally(() => {
      this.fullCovered = Math.max(this.fullCovered, covers);
      this.running = undefined;
      if (this.pendingFull || this.pending.size > 0) void this.drain();
    });
    return this.running;
  }

  private async run(onlyPaths: string[] | undefined): Promise<IndexRunResult | undefined> {
    const roots = this.roots();
    if (roots.length === 0) return undefined;
    const config = vscode.workspace.getConfiguration('askCodebase');
    this.abort = new AbortController();
    const signal = this.abort.signal;
    if (!onlyPaths) this.set({ state: 'indexing', paused: this.gate.paused });
    const started = performance.now();
    try {
      const scan = { maxFileSizeBytes: Math.max(1, config.get<number>('maxFileSizeKB', 1024)) * 1024 };
      // Saves in ignored folders (build output, dependencies) would otherwise each start a walk.
      if (onlyPaths) onlyPaths = (await relevantChanges(roots, onlyPaths, { scan, indexDir: this.dbDir })).paths;
      if (onlyPaths?.length === 0) return undefined;
      const embedder = await this.currentEmbedder();
      const chunk = { maxLines: Math.min(400, Math.max(10, config.get<number>('chunkMaxLines', 60))) };
      this.chunker ??= new ChunkerPool({ workers: 1, chunkOptions: chunk });
      const result = await runIndex({
        roots, dbDir: this.dbDir, embedder, signal, gate: this.gate, onlyPaths,
        chunker: onlyPaths ? this.chunker : undefined,
        scan,
        chunk,
        onProgress: (progress) => {
          if (onlyPaths || progress.filesTotal === 0) return;
          const seconds = (performance.now() - started) / 1000;
          this.set({ state: 'indexing', progress, paused: this.gate.paused, filesPerSecond: seconds > 1 ? progress.filesDone / seconds : undefined });
        },
        onMessage: (level, message) => {
          if (level === 'info') return this.log.info(message);
          this.log.warn(message);
          // A rebuild or repair is announced, with its reason (another model, a damaged file...).
          if (/^(Rebuilding|Repairing) the index/.test(message)) void vscode.window.showInformationMessage(`Ask Codebase: ${message}`);
        },
        confirmMassDelete: (removing, indexed) => this.confirmMassDelete(removing, indexed),
      });
      if (result.cancelled) return result;
      this.log.info(`indexed ${result.added + result.changed + result.touched + result.unchanged} files (${result.added} new, ${result.changed} changed, ${result.deleted} deleted) in ${(result.totalMs / 1000).toFixed(1)} s`);
      if (!onlyPaths && result.added + result.changed + result.deleted + result.chunksEmbedded > 0) this.scheduleReclaim();
      const stats = await IndexStore.readStats(this.dbDir);
      this.set({ state: 'ready', files: stats.files, chunks: stats.chunks, skipped: stats.skippedTotal, embedded: stats.dimension > 0 });
      this.updated.fire();
      return result;
    } catch (err) {
      if (signal.aborted) return undefined;
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`indexing failed: ${message}`);
      this.offerRebuildIfDamaged(err);
      this.set({ state: 'error', message });
      return undefined;
    }
  }

  /**
   * After a read failure inside the index (a damaged data or index file), offers the run that
   * repairs it: a full run checks every file and index, and rebuilds while the old stays readable.
   */
  offerRebuildIfDamaged(err: unknown): void {
    const file = damagedIndexFile(err);
    if (file === undefined) return;
    const rebuild = 'Rebuild Index';
    void vscode.window
      .showWarningMessage(`Ask Codebase: the index could not be read; it looks damaged${file ? ` (${file})` : ''}.`, rebuild)
      .then((answer) => {
        if (answer === rebuild) void this.reindex();
      });
  }

  /** A run would remove more than half of the index (a folder moved or unmounted?): ask first. */
  private async confirmMassDelete(removing: number, indexed: number): Promise<boolean> {
    const remove = 'Remove from Index';
    const answer = await vscode.window.showWarningMessage(
      `Ask Codebase: ${removing} of the ${indexed} indexed files are gone or now excluded. Remove them from the index?`,
      { modal: true, detail: 'If a folder was moved, renamed or is on a drive that is not mounted, keep them and index again once it is back.' },
      remove,
    );
    return answer === remove;
  }

  /**
   * A build leaves a minute of table versions for readers, and saves do not clean them: give that
   * space back once the minute is over, between runs (a run queued meanwhile waits for it).
   */
  private scheduleReclaim(): void {
    clearTimeout(this.reclaimTimer);
    this.reclaimTimer = setTimeout(() => {
      if (this.disposed) return;
      if (this.running) return this.scheduleReclaim();
      this.reclaiming = reclaimSpace(this.dbDir)
        .then((done) => this.log.info(done ? 'reclaimed the space of old index versions' : 'space reclaim skipped: another window or the CLI is writing'))
        .catch((err: unknown) => this.log.warn(`could not reclaim old index versions: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.reclaiming = undefined;
        });
    }, RECLAIM_DELAY_MS);
    this.reclaimTimer.unref?.();
  }

  private set(state: IndexState): void {
    if (this.disposed) return;
    this.current = state;
    this.changed.fire(state);
  }
}
