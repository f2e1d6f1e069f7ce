// After `ask-codebase index`: the self-evaluation, when the index has none for its model (a new
// or rebuilt index), within 10 % of the build's time. Never fails the index.
import type { Embedder } from '../core/embed/embedder.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';

/**
 * The bound is 10 % of the build; small trees build in about a second, so they get at
 * least this much (their pairs take a fraction of it).
 */
const MIN_BUDGET_MS = 1_500;

export async function tuneAfterBuild(dbDir: string, root: string, buildMs: number, embedder: Embedder | null, signal?: AbortSignal): Promise<TuningReport | undefined> {
  const [{ IndexStore }, { needsTuning, tuneIndex }] = await Promise.all([import('../core/store/indexStore.js'), import('../core/tune/tuneIndex.js')]);
  const store = await IndexStore.openExisting(dbDir).catch((err: Error) => {
    process.stderr.write(`warn: the self-evaluation was skipped: ${err.message}\n`);
    return undefined;
  });
  if (!store) return undefined;
  try {
    if (!(await needsTuning(store))) return undefined;
    return await tuneIndex(store, root, { embedder, budgetMs: Math.max(MIN_BUDGET_MS, buildMs * 0.1) }, signal);
  } finally {
    await store.close();
  }
}
