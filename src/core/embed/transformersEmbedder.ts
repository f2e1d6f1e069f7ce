// Local embeddings with transformers.js, in a worker thread, in batches.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AskCodebaseError } from '../types.js';
import { workerScript } from '../workers.js';
import type { Embedder } from './embedder.js';
import type { EmbedWorkerInit, EmbedWorkerReply } from './embedProtocol.js';
import { modelPreset } from './modelPresets.js';

export interface TransformersEmbedderOptions extends EmbedWorkerInit {
  batchSize?: number;
  /**
   * Worker threads, each with its own copy of the model, sharing the cores between them (ONNX
   * Runtime threads per worker = cores ÷ workers). Default 1, which the editor uses so a core
   * stays free; the CLI uses one per core.
   */
  workers?: number;
  onDownloadProgress?: (p: { file: string; loaded: number; total: number }) => void;
}

/**
 * Texts per inference call. scripts/bench/embed.ts (static test model, 2 cores): 1,000 60-line
 * chunks, batch 8 → 190, 16 → 192, 32 → 179, 64 → 181, 128 → 154 chunks/s; 3,000 chunks of 1–60
 * lines batched by length (`--varied`), 8 → 1,663, 16 → 1,616, 32 → 1,360, 64 → 1,398 chunks/s
 * (in arrival order, 16 gave 717).
 */
export const DEFAULT_BATCH_SIZE = 16;

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly queryPrefix: string;
  readonly documentPrefix: string;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void; dimension: number }>();
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    readonly dimension: number,
    private readonly batchSize: number,
    modelId: string,
  ) {
    this.id = `transformers:${modelId}`;
    const preset = modelPreset(modelId);
    this.queryPrefix = preset.queryPrefix;
    this.documentPrefix = preset.documentPrefix;
    for (const worker of workers) {
      worker.on('message', (m: EmbedWorkerReply) => {
        if (m.type === 'vectors') {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(split(m.data, m.dimension));
        } else if (m.type === 'error' && m.id !== undefined) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.reject(new AskCodebaseError('embed-failed', `Embedding failed: ${m.message}`));
        }
      });
      worker.on('error', (err) => this.fail(new AskCodebaseError('embed-worker-crashed', `The embedding worker crashed: ${err.message}`, { cause: err })));
      worker.on('exit', () => this.fail(new AskCodebaseError('embed-worker-exited', 'The embedding worker stopped.')));
    }
  }

  /** Starts the workers and loads the model (downloading it first when allowed and needed). */
  static async create(options: TransformersEmbedderOptions, signal?: AbortSignal): Promise<TransformersEmbedder> {
    const { batchSize, onDownloadProgress, workers: count = 1, ...init } = options;
    const workers = Math.max(1, Math.floor(count));
    const workerInit: EmbedWorkerInit = { ...init, intraOpThreads: workers > 1 ? Math.max(1, Math.floor(os.availableParallelism() / workers)) : undefined };
    const started: Worker[] = [];
    let downloaded = false;
    const onProgress: TransformersEmbedderOptions['onDownloadProgress'] = (p) => {
      downloaded = true;
      onDownloadProgress?.(p);
    };
    try {
      // The first worker downloads the model if it must; the others then load it from the cache.
      const dimension = await startWorker(workerInit, started, signal, onProgress);
      await Promise.all(Array.from({ length: workers - 1 }, () => startWorker(workerInit, started, signal)));
      return new TransformersEmbedder(started, dimension, batchSize ?? DEFAULT_BATCH_SIZE, options.modelId);
    } catch (err) {
      await Promise.all(started.map((w) => w.terminate()));
      // A download that arrived damaged would fail every later load from the cache: drop it, so
      // the next try (the retry) downloads the model again.
      // Only a hub id (`org/name`) inside our own cache folder is ever removed.
      if (err instanceof AskCodebaseError && err.code === 'model-unavailable' && init.cacheDir && HUB_ID.test(init.modelId) && (downloaded || DAMAGED_FILE.test(err.message))) {
        await fs.rm(path.join(init.cacheDir, init.modelId), { recursive: true, force: true });
        throw new AskCodebaseError('model-unavailable', `${err.message} The downloaded files were removed from the cache; the next try downloads them again.`, { cause: err });
      }
      throw err;
    }
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    // A batch is padded to its longest text, so texts of like length are batched together and
    // the vectors put back in the caller's order.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    const out = new Array<Float32Array>(texts.length);
    let next = 0;
    // Each worker takes the next batch as soon as it is free.
    const lane = async (worker: Worker) => {
      while (next < order.length) {
        if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Embedding was cancelled.');
        if (this.failure) throw this.failure;
        const batch = order.slice(next, next + this.batchSize);
        next += batch.length;
        const vectors = await this.embedBatch(worker, batch.map((j) => texts[j]));
        batch.forEach((j, k) => (out[j] = vectors[k]));
      }
    };
    await Promise.all(this.workers.map(lane));
    return out;
  }

  async dispose(): Promise<void> {
    this.failure ??= new AskCodebaseError('embed-disposed', 'The embedder was closed.');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private embedBatch(worker: Worker, texts: string[]): Promise<Float32Array[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, dimension: this.dimension });
      worker.postMessage({ type: 'embed', id, texts });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/** Starts one worker (added to `started` at once, so a failure elsewhere can stop it) and waits until its model is loaded. */
async function startWorker(
  init: EmbedWorkerInit,
  started: Worker[],
  signal: AbortSignal | undefined,
  onDownloadProgress?: TransformersEmbedderOptions['onDownloadProgress'],
): Promise<number> {
  const script = workerScript('embed-worker', 'embed/embedWorker.ts');
  const worker = new Worker(script.filename, { execArgv: script.execArgv, workerData: init });
  started.push(worker);
  return new Promise<number>((resolve, reject) => {
    const onAbort = () => reject(new AskCodebaseError('cancelled', 'Loading the embedding model was cancelled.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: EmbedWorkerReply) => {
      if (m.type === 'ready') resolve(m.dimension);
      else if (m.type === 'progress') onDownloadProgress?.(m);
      else if (m.type === 'error' && m.id === undefined) reject(loadError(init, m.message));
    });
    worker.once('error', (err) => reject(loadError(init, err.message)));
  });
}

const HUB_ID = /^(?!\.)[\w.-]+\/(?!\.)[\w.-]+$/;
/** Load errors that mean a file in the cache is damaged (ONNX Runtime, the tokenizer's JSON). */
const DAMAGED_FILE = /protobuf|parsing failed|unexpected end|invalid (model|json|file)|corrupt|not valid json/i;

function split(data: Float32Array, dimension: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < data.length; i += dimension) out.push(data.slice(i, i + dimension));
  return out;
}

function loadError(options: EmbedWorkerInit, message: string): AskCodebaseError {
  const offline = !options.allowRemote ? ' Offline mode is on, so it was not downloaded.' : '';
  return new AskCodebaseError('model-unavailable', `The embedding model "${options.modelId}" could not be loaded: ${message}.${offline}`);
}
