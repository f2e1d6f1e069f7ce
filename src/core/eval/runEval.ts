// Runs a dataset against the engine: index each record's tree (incrementally, one index per
// repository so shared files cost once), search in every requested mode, score.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../embed/embedder.js';
import { runIndex } from '../index/indexer.js';
import { searchIndex, type SearchOptions } from '../retrieve/searchIndex.js';
import type { RetrievalMode } from '../retrieve/types.js';
import type { RankingSettings } from '../retrieve/savedSettings.js';
import { IndexStore } from '../store/indexStore.js';
import type { ChunkOptions } from '../chunk/chunkFile.js';
import { indexBaseline, searchBaseline, type BaselineCache, type BaselineIndex } from './baselineBm25.js';
import type { EvalRecord } from './dataset.js';
import { maskedRanges, maskedTreeCopy } from './maskedTree.js';
import { scoreQuery, type QueryScore } from './metrics.js';

export interface EvalVariant {
  name: string;
  mode: RetrievalMode;
  /** The dev set README's reference BM25 (60-line windows of code files) instead of the engine. */
  reference?: boolean;
  search?: Omit<SearchOptions, 'mode' | 'embedder' | 'k'>;
  /** Search with the settings `tuneTree` chose for the record's tree (the self-evaluation). */
  tuned?: boolean;
}

/** Chooses ranking settings for one tree's index; the eval never imports the tuner (core/tune) itself. */
export type TreeTuner = (store: IndexStore, tree: string, record: EvalRecord) => Promise<RankingSettings | undefined>;

export interface EvalRunOptions {
  records: EvalRecord[];
  /** The folder holding the tree a record is about. */
  treeFor: (record: EvalRecord) => string;
  dbRoot: string;
  /**
   * One index per tree, kept in `dbRoot` and reused by later runs: for comparing many variants
   * (search only after the first run). A new tree's index starts as a copy of the previous tree's
   * of the same repository and is updated from there. Default: one index per repository, updated
   * tree by tree.
   */
  indexPerTree?: boolean;
  embedder: Embedder | null;
  variants: EvalVariant[];
  chunk?: ChunkOptions;
  /** Chunks ranked per query; the README's baseline ranks up to 1,000 files. */
  depth?: number;
  signal?: AbortSignal;
  onRecord?: (record: EvalRecord, scores: Record<string, QueryScore>) => void;
  /** Needed by `tuned` variants: called once per tree, after it is indexed. */
  tuneTree?: TreeTuner;
}

export interface EvalRunResult {
  scores: Record<string, QueryScore[]>;
  indexMs: number;
}

export async function runEval(options: EvalRunOptions): Promise<EvalRunResult> {
  const scores: Record<string, QueryScore[]> = Object.fromEntries(options.variants.map((v) => [v.name, []]));
  let indexMs = 0;
  let lastTree = '';
  const engineVariants = options.variants.filter((v) => !v.reference);
  const wantsReference = engineVariants.length < options.variants.length;
  const referenceCaches = new Map<string, BaselineCache>();
  let reference: BaselineIndex | undefined;
  const lastIndexOfRepo = new Map<string, string>();
  const tunedSettings = new Map<string, RankingSettings | undefined>();
  for (const record of options.records) {
    if (options.signal?.aborted) break;
    let tree = options.treeFor(record);
    const masked = maskedRanges(record.meta);
    if (masked.length > 0) tree = await maskedTreeCopy(tree, masked, path.join(options.dbRoot, 'masked-trees'));
    // One index per dataset and repository: trees of one repository share most files.
    const dbDir = options.indexPerTree
      ? path.join(options.dbRoot, 'per-tree', path.basename(tree))
      : path.join(options.dbRoot, `${record.dataset ?? 'dataset'}+${record.repo}`.replace(/[^\w.-]+/g, '+'));
    if (tree !== lastTree) {
      if (engineVariants.length > 0) {
        const seed = lastIndexOfRepo.get(record.repo);
        const exists = (p: string) => fs.stat(p).then(() => true, () => false);
        // A dev tree never changes: a per-tree index that was completed once is reused as it is.
        const built = path.join(dbDir, '.eval-built');
        if (options.indexPerTree && seed && !(await exists(dbDir))) {
          await fs.cp(seed, dbDir, { recursive: true });
          await fs.rm(built, { force: true });
        }
        lastIndexOfRepo.set(record.repo, dbDir);
        if (!options.indexPerTree || !(await exists(built))) {
          const r = await runIndex({ roots: [{ path: tree }], dbDir, embedder: options.embedder, chunk: options.chunk, signal: options.signal });
          indexMs += r.totalMs;
          if (options.indexPerTree) await fs.writeFile(built, '');
        }
      }
      if (wantsReference) {
        const cache = referenceCaches.get(record.repo) ?? referenceCaches.set(record.repo, new Map()).get(record.repo)!;
        reference = await indexBaseline(tree, { cache, signal: options.signal });
      }
      lastTree = tree;
    }
    const perRecord: Record<string, QueryScore> = {};
    for (const v of options.variants.filter((x) => x.reference)) {
      const t = performance.now();
      const s = scoreQuery(record, searchBaseline(reference!, record.query), performance.now() - t);
      scores[v.name].push(s);
      perRecord[v.name] = s;
    }
    const store = engineVariants.length > 0 ? await IndexStore.openExisting(dbDir) : undefined;
    try {
      if (engineVariants.some((v) => v.tuned) && !tunedSettings.has(dbDir)) {
        if (!options.tuneTree) throw new Error('A tuned variant needs a tuner (tuneTree).');
        tunedSettings.set(dbDir, await options.tuneTree(store!, tree, record));
      }
      for (const v of engineVariants) {
        const t = performance.now();
        // Only tuned variants use tuned settings; the others measure the defaults, whatever the index saved.
        const tuned = v.tuned ? tunedSettings.get(dbDir) : undefined;
        const search = { ...v.search, savedSettings: false, weights: { ...tuned?.weights, ...v.search?.weights }, tuning: { ...tuned?.tuning, ...v.search?.tuning } };
        const result = await searchIndex(store!, record.query, { ...search, mode: v.mode, embedder: options.embedder, k: options.depth ?? 200, signal: options.signal });
        const s = scoreQuery(record, result.chunks, performance.now() - t);
        scores[v.name].push(s);
        perRecord[v.name] = s;
      }
    } finally {
      await store?.close();
    }
    options.onRecord?.(record, perRecord);
  }
  return { scores, indexMs };
}
