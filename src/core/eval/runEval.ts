// Runs a dataset against the engine: index each record's tree (incrementally, one index per
// repository so shared files cost once), search in every requested mode, score.
import path from 'node:path';
import type { Embedder } from '../embed/embedder.js';
import { runIndex } from '../index/indexer.js';
import { searchIndex, type SearchOptions } from '../retrieve/searchIndex.js';
import type { RetrievalMode } from '../retrieve/types.js';
import { IndexStore } from '../store/indexStore.js';
import type { ChunkOptions } from '../chunk/chunkFile.js';
import type { EvalRecord } from './dataset.js';
import { scoreQuery, type QueryScore } from './metrics.js';

export interface EvalVariant {
  name: string;
  mode: RetrievalMode;
  search?: Omit<SearchOptions, 'mode' | 'embedder' | 'k'>;
}

export interface EvalRunOptions {
  records: EvalRecord[];
  /** The folder holding the tree a record is about. */
  treeFor: (record: EvalRecord) => string;
  dbRoot: string;
  embedder: Embedder | null;
  variants: EvalVariant[];
  chunk?: ChunkOptions;
  /** Chunks ranked per query; the README's baseline ranks up to 1,000 files. */
  depth?: number;
  signal?: AbortSignal;
  onRecord?: (record: EvalRecord, scores: Record<string, QueryScore>) => void;
}

export interface EvalRunResult {
  scores: Record<string, QueryScore[]>;
  indexMs: number;
}

export async function runEval(options: EvalRunOptions): Promise<EvalRunResult> {
  const scores: Record<string, QueryScore[]> = Object.fromEntries(options.variants.map((v) => [v.name, []]));
  let indexMs = 0;
  let lastTree = '';
  for (const record of options.records) {
    if (options.signal?.aborted) break;
    const tree = options.treeFor(record);
    const dbDir = path.join(options.dbRoot, record.repo.replace(/[^\w.-]+/g, '+'));
    if (tree !== lastTree) {
      const r = await runIndex({ roots: [{ path: tree }], dbDir, embedder: options.embedder, chunk: options.chunk, signal: options.signal });
      indexMs += r.totalMs;
      lastTree = tree;
    }
    const store = await IndexStore.openExisting(dbDir);
    const perRecord: Record<string, QueryScore> = {};
    try {
      for (const v of options.variants) {
        const t = performance.now();
        const result = await searchIndex(store, record.query, { ...v.search, mode: v.mode, embedder: options.embedder, k: options.depth ?? 200, signal: options.signal });
        const s = scoreQuery(record, result.chunks, performance.now() - t);
        scores[v.name].push(s);
        perRecord[v.name] = s;
      }
    } finally {
      await store.close();
    }
    options.onRecord?.(record, perRecord);
  }
  return { scores, indexMs };
}
