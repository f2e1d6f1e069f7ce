// The workspace's index, owned by this window: built in the background after start-up, kept in
// the extension's workspace storage, searched by the chat.
import * as vscode from 'vscode';
import { createEmbedder } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';
import { runIndex, type IndexRunResult } from '../core/index/indexer.js';
import { searchIndex } from '../core/retrieve/searchIndex.js';
import type { RetrievalResult } from '../core/retrieve/types.js';
import { IndexStore } from '../core/store/indexStore.js';
import type { ProgressEvent } from '../core/types.js';

export type IndexState = { state: 'idle' } | { state: 'indexing'; progress?: ProgressEvent } | { state: 'ready'; files: number; chunks: number } | { state: 'error'; message: string };

export class WorkspaceIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IndexState>();
  readonly onDidChangeState = this.changed.event;
  private current: IndexState = { state: 'idle' };
  private running: Promise<IndexRunResult | undefined> | undefined;
  private abort: AbortController | undefined;

  private embedder: Promise<Embedder | null> | undefined;
  private embedderModel = 'none';

  constructor(
    private readonly dbDir: string,
    private readonly modelCacheDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The configured embedding model, loaded once (downloaded on first use); null for 'none'. */
  private currentEmbedder(): Promise<Embedder | null> {
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

  get state(): IndexState {
    return this.current;
  }

  /** Indexes every workspace folder (labelled by folder name when there are several). */
  reindex(): Promise<IndexRunResult | undefined> {
    if (this.running) return this.running;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return Promise.resolve(undefined);
    const config = vscode.workspace.getConfiguration('askCodebase');
    this.abort = new AbortController();
    this.set({ state: 'indexing' });
    const signal = this.abort.signal;
    this.running = this.currentEmbedder().then((embedder) => runIndex({
      roots: folders.map((f) => ({ path: f.uri.fsPath, label: folders.length > 1 ? f.name : undefined })),
      dbDir: this.dbDir,
      embedder,
      scan: { maxFileSizeBytes: Math.max(1, config.get<number>('maxFileSizeKB', 1024)) * 1024 },
      chunk: { maxLines: Math.min(400, Math.max(10, config.get<number>('chunkMaxLines', 60))) },
      signal,
      onProgress: (progress) => this.set({ state: 'indexing', progress }),
      onMessage: (level, message) => (level === 'warn' ? this.log.warn(message) : this.log.info(message)),
    }))
      .then(async (result) => {
        this.log.info(`indexed ${result.filesSeen} files (${result.added} new, ${result.changed} changed, ${result.deleted} deleted) in ${(result.totalMs / 1000).toFixed(1)} s`);
        const stats = await IndexStore.readStats(this.dbDir);
        this.set({ state: 'ready', files: stats.files, chunks: stats.chunks });
        return result;
      })
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.log.error(`indexing failed: ${message}`);
        this.set({ state: 'error', message });
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async search(question: string, k = 8): Promise<RetrievalResult> {
    if (this.running) await this.running;
    const store = await IndexStore.openExisting(this.dbDir);
    try {
      const embedder = await this.currentEmbedder().catch(() => null);
      const usable = embedder && embedder.id === store.identity.embedderId ? embedder : null;
      return await searchIndex(store, question, { k, embedder: usable });
    } finally {
      await store.close();
    }
  }

  dispose(): void {
    this.abort?.abort();
    void this.embedder?.then((e) => e?.dispose(), () => undefined);
    this.changed.dispose();
  }

  private set(state: IndexState): void {
    this.current = state;
    this.changed.fire(state);
  }
}
