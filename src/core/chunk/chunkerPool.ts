// A small pool of chunking worker threads. A file whose worker hangs or dies is cut into line
// windows instead, and the worker is replaced: one bad file never stops an index run.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../workers.js';
import { AskCodebaseError } from '../types.js';
import type { ChunkRow } from '../store/schema.js';
import { boundChunks } from './boundChunks.js';
import { windowChunks, type ChunkInput, type ChunkOptions, type ChunkOutput } from './chunkFile.js';
import { toChunkRows } from './chunkRows.js';
import type { ChunkReply, ChunkRequest } from './chunkWorker.js';

/** A file's store rows (its chunks bounded in size), built in the worker. */
export interface RowsOutput {
  rows: ChunkRow[];
  /** Chunks the chunker cut, before the size bound split any. */
  chunkCount: number;
  fallback?: string;
}

/** What a queued file waits for: chunks, or rows. */
type Want = { rows: false; resolve: (o: ChunkOutput) => void } | { rows: true; resolve: (o: RowsOutput) => void };

export interface ChunkerPoolOptions {
  workers?: number;
  chunkOptions?: ChunkOptions;
  /** A worker that has not answered in this long is replaced (the parse has its own timeout too). */
  watchdogMs?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job {
  input: ChunkInput;
  want: Want;
  reject: (e: unknown) => void;
}

interface Pending extends Job {
  slot: Slot;
  timer: NodeJS.Timeout;
}

export class ChunkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly chunkOptions: ChunkOptions;
  private readonly watchdogMs: number;

  constructor(options: ChunkerPoolOptions = {}) {
    this.chunkOptions = options.chunkOptions ?? {};
    this.watchdogMs = options.watchdogMs ?? (this.chunkOptions.parseTimeoutMs ?? 5_000) * 2 + 5_000;
    for (let i = 0; i < Math.max(1, options.workers ?? 1); i++) this.slots.push(this.spawn());
  }

  chunk(input: ChunkInput, signal?: AbortSignal): Promise<ChunkOutput> {
    return this.enqueue(input, signal, (resolve) => ({ rows: false, resolve }));
  }

  /** The file's store rows, built in the worker (hashing, identifier splitting) with its chunks. */
  chunkRows(input: ChunkInput, signal?: AbortSignal): Promise<RowsOutput> {
    return this.enqueue(input, signal, (resolve) => ({ rows: true, resolve }));
  }

  private enqueue<T>(input: ChunkInput, signal: AbortSignal | undefined, want: (resolve: (o: T) => void) => Want): Promise<T> {
    if (this.closed) return Promise.reject(new AskCodebaseError('chunker-closed', 'The chunker was closed.'));
    if (signal?.aborted) return Promise.reject(new AskCodebaseError('cancelled', 'Indexing was cancelled.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ input, want: want(resolve), reject });
      this.dispatch();
    });
  }

  /** Stops the workers; later calls return the first call's promise. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new AskCodebaseError('chunker-closed', 'The chunker was closed.'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const script = workerScript('chunk-worker', 'chunk/chunkWorker.ts');
    const worker = new Worker(script.filename, { execArgv: script.execArgv });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (reply: ChunkReply) => this.settle(reply.id, reply));
    worker.on('error', () => this.replace(slot, 'the chunking worker crashed'));
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      slot.busy = true;
      const timer = setTimeout(() => this.replace(slot, `chunking took longer than ${this.watchdogMs} ms`), this.watchdogMs);
      this.pending.set(id, { ...job, slot, timer });
      slot.worker.postMessage({ id, input: job.input, options: this.chunkOptions, rows: job.want.rows } satisfies ChunkRequest);
    }
  }

  private settle(id: number, reply: ChunkReply): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.slot.busy = false;
    if (!reply.ok) this.fallBack(p, `syntax chunking failed: ${reply.error}`);
    else if (p.want.rows) p.want.resolve({ rows: reply.rows ?? [], chunkCount: reply.chunkCount, fallback: reply.fallback });
    else p.want.resolve({ chunks: reply.chunks ?? [], fallback: reply.fallback });
    this.dispatch();
  }

  /** Line windows for a file its worker could not chunk (rare: built on this thread). */
  private fallBack(p: Job, why: string): void {
    const chunks = windowChunks(p.input, this.chunkOptions);
    if (p.want.rows) p.want.resolve({ rows: toChunkRows(boundChunks(chunks)), chunkCount: chunks.length, fallback: why });
    else p.want.resolve({ chunks, fallback: why });
  }

  /** Replaces a hung or crashed worker; its file falls back to line windows. */
  private replace(slot: Slot, why: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      clearTimeout(p.timer);
      this.fallBack(p, why);
    }
    if (!this.closed) {
      this.slots[index] = this.spawn();
      this.dispatch();
    }
  }
}
