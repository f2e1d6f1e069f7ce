// The self-evaluation a build is followed by: only when the index has none for its model (a new
// or rebuilt index, another model), never after an ordinary update, within 10 % of the build.
import type { Embedder } from '../embed/embedder.js';
import { IndexStore } from '../store/indexStore.js';
import { needsTuning, tuneIndex, type TuningReport } from './tuneIndex.js';

/** Small trees build in about a second: they get at least this (their pairs take a fraction of it). */
const MIN_BUDGET_MS = 1_500;
/** The bound: the self-evaluation costs at most a tenth of the build it follows. */
const BUILD_FRACTION = 0.1;

/** Undefined when nothing was to be done; throws only when cancelled or the index cannot be opened. */
export async function tuneAfterBuild(dbDir: string, root: string, o: { buildMs: number; embedder: Embedder | null }, signal?: AbortSignal): Promise<TuningReport | undefined> {
  const store = await IndexStore.openExisting(dbDir);
  try {
    if (!(await needsTuning(store))) return undefined;
    return await tuneIndex(store, root, { embedder: o.embedder, budgetMs: Math.max(MIN_BUDGET_MS, o.buildMs * BUILD_FRACTION) }, signal);
  } finally {
    await store.close();
  }
}
