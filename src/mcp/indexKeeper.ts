// The MCP server's index: opened as it is (the first call answers at once), brought up to date in
// the background, then kept fresh from a file watcher. Several servers may share one index: one
// writes at a time (the writer lock), the others keep reading and retry their updates later.
import fs, { type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../core/embed/embedder.js';
import { ChunkerPool } from '../core/chunk/chunkerPool.js';
import { runIndex } from '../core/index/indexer.js';
import { relevantChanges } from '../core/index/relevantChanges.js';
import { IndexStore } from '../core/store/indexStore.js';
import { AskCodebaseError } from '../core/types.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import type { IndexAccess } from './codebaseTools.js';

export interface KeeperOptions {
  roots: LabelledRoot[];
  dbDir: string;
  embedder: Embedder | null;
  log: (message: string) => void;
  /** Serve the index as it is: never build, update or watch (several readers beside one writer). */
  readOnly?: boolean;
}

/** Saves come in bursts (format on save, git checkout): wait this long for the burst to end. */
const DEBOUNCE_MS = 250;
/** Catch-up run after start, so the first call is not competing with a walk. */
const CATCH_UP_DELAY_MS = 1_500;
/** Another process holds the writer lock: try again after this long. */
const LOCKED_RETRY_MS = 5_000;
/** A call during a first build waits this long for it before saying so. */
const FIRST_BUILD_WAIT_MS = 20_000;
/** A replaced store stays open this long for calls still using it. */
const OLD_STORE_GRACE_MS = 30_000;

export class IndexKeeper implements IndexAccess {
  private store: IndexStore | undefined;
  private readonly watchers: FSWatcher[] = [];
  private readonly abort = new AbortController();
  private readonly pending = new Set<string>();
  private fullPending = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private firstBuild: Promise<void> | undefined;
  private status = 'opening';
  /** Set when this server must not write the index (built with another embedding model). */
  private readOnly: string | undefined;
  private closed = false;
  /** One chunker worker for the server's life: starting one per save cost a worker and its grammars each time. */
  private chunker: ChunkerPool | undefined;

  constructor(private readonly options: KeeperOptions) {}

  roots(): LabelledRoot[] {
    return this.options.roots;
  }

  async embedder(): Promise<Embedder | null> {
    return this.options.embedder;
  }

  freshness(): string {
    return this.readOnly ? `${this.status} (read-only: ${this.readOnly})` : this.status;
  }

  async start(): Promise<void> {
    this.store = await IndexStore.openExisting(this.options.dbDir).catch((err: unknown) => {
      if (err instanceof AskCodebaseError && err.code === 'no-index') return undefined;
      throw err;
    });
    const ours = this.options.embedder?.id ?? 'none';
    if (this.options.readOnly) this.readOnly = 'started with --read-only';
    else if (this.store && this.store.identity.embedderId !== ours) {
      this.readOnly = `built with the embedding model ${this.store.identity.embedderId}; start with --model ${this.store.identity.embedderId} to keep it fresh`;
    }
    this.status = this.readOnly ? 'as of its last build' : this.store ? 'up to date as of its last build; checking for changes' : 'being built for the first time';
    if (!this.readOnly) this.watch();
    if (!this.readOnly) {
      this.fullPending = true;
      if (this.store) this.schedule(CATCH_UP_DELAY_MS);
      else this.firstBuild = this.runPending();
    }
  }

  async withStore<T>(fn: (store: IndexStore) => Promise<T>): Promise<T> {
    const store = await this.current();
    try {
      return await fn(store);
    } catch (err) {
      // Another process may have rebuilt or cleaned the index under an old handle: reopen once.
      if (err instanceof AskCodebaseError || this.closed) throw err;
      this.options.log(`reopening the index after: ${(err as Error).message}`);
      await this.reopen();
      return fn(await this.current());
    }
  }

  /** Stops watching and indexing, and closes the index. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.abort.abort();
    await this.running?.catch(() => undefined);
    await this.chunker?.close();
    await this.store?.close();
    this.store = undefined;
  }

  private async current(): Promise<IndexStore> {
    if (!this.store && this.firstBuild) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.firstBuild, new Promise((r) => (timer = setTimeout(r, FIRST_BUILD_WAIT_MS)))]);
      clearTimeout(timer);
    }
    if (!this.store) throw new AskCodebaseError('no-index', `The index of ${this.options.roots.map((r) => r.path).join(', ')} is ${this.status}; try again in a moment.`);
    return this.store;
  }

  private watch(): void {
    for (const root of this.options.roots) {
      try {
        const watcher = fs.watch(root.path, { recursive: true }, (_event, name) => {
          if (!name) return this.changed(undefined);
          const rel = String(name).split(path.sep).join('/');
          this.changed(root.label ? `${root.label}/${rel}` : rel);
        });
        watcher.on('error', (err) => this.options.log(`file watcher on ${root.path} stopped: ${err.message}; changes are picked up on restart`));
        this.watchers.push(watcher);
      } catch (err) {
        this.options.log(`cannot watch ${root.path}: ${(err as Error).message}; changes are picked up on restart`);
      }
    }
  }

  /** A changed index path, or undefined when the watcher could not say which (a full run). */
  private changed(storePath: string | undefined): void {
    if (storePath === undefined) this.fullPending = true;
    else this.pending.add(storePath);
    this.schedule(DEBOUNCE_MS);
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runPending(), delayMs);
  }

  /** One update at a time; changes arriving meanwhile wait for the next. */
  private runPending(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.update().finally(() => {
      this.running = undefined;
      if (!this.closed && (this.fullPending || this.pending.size > 0)) this.schedule(DEBOUNCE_MS);
    });
    return this.running;
  }

  private async update(): Promise<void> {
    const { roots, dbDir, embedder } = this.options;
    const full = this.fullPending;
    const changed = [...this.pending];
    this.fullPending = false;
    this.pending.clear();
    const relevant = full ? { paths: [], walk: true } : await relevantChanges(roots, changed, { indexDir: dbDir });
    if (!relevant.walk && relevant.paths.length === 0) return;
    this.status = full ? (this.store ? 'updating (checking every file)' : 'being built for the first time') : `updating ${relevant.paths.length} changed file${relevant.paths.length === 1 ? '' : 's'}`;
    try {
      const result = await runIndex({
        roots, dbDir, embedder, workers: 1, signal: this.abort.signal, chunker: (this.chunker ??= new ChunkerPool({ workers: 1 })),
        onlyPaths: relevant.walk ? undefined : relevant.paths,
        onMessage: (level, message) => this.options.log(`${level}: ${message}`),
      });
      if (!this.store || result.rebuildReason) await this.reopen();
      this.status = 'up to date';
    } catch (err) {
      if (this.abort.signal.aborted) return;
      if (err instanceof AskCodebaseError && err.code === 'index-locked') {
        // Another server or the editor is writing: our changes wait for the next try.
        if (full) this.fullPending = true;
        for (const p of changed) this.pending.add(p);
        this.status = 'being updated by another process';
        this.schedule(LOCKED_RETRY_MS);
        if (!this.store) await this.reopen().catch(() => undefined);
        return;
      }
      this.status = `not updated (${(err as Error).message})`;
      this.options.log(`indexing failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  private async reopen(): Promise<void> {
    const fresh = await IndexStore.openExisting(this.options.dbDir);
    const old = this.store;
    this.store = fresh;
    if (old) setTimeout(() => void old.close(), OLD_STORE_GRACE_MS).unref();
  }
}
