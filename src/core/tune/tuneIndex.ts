// The self-evaluation after a build: pairs from the repository's own history and doc comments,
// a grid of ranking settings scored on half of them and checked on the other half; the settings
// are kept only if they win on the held-out half. Never fails an index: any problem means the
// defaults, with the reason in the report.
import type { Embedder } from '../embed/embedder.js';
import { DEFAULT_WEIGHTS } from '../retrieve/searchIndex.js';
import { SELF_TUNING_KEY, type RankingSettings } from '../retrieve/savedSettings.js';
import type { RetrievalMode } from '../retrieve/types.js';
import type { IndexStore } from '../store/indexStore.js';
import { acquireWriterLock } from '../store/writerLock.js';
import { AskCodebaseError } from '../types.js';
import { commitPairs } from './commitPairs.js';
import { docCommentPairs } from './docCommentPairs.js';
import { fetchPairCandidates, scoreSettings, type HeldOutScore, type PairCandidates } from './pairScores.js';
import { describeSettings, searchGrid } from './settingsGrid.js';
import type { PairExclusions } from './tuningPairs.js';

export interface TuneOptions {
  /** The model the index was embedded with; without it the vector weight is not measured. */
  embedder?: Embedder | null;
  /** The repository and commit of the indexed tree (default: the root's own repository at HEAD). */
  git?: { dir?: string; rev?: string };
  /** Pairs of each kind at most (default 32). */
  maxPairs?: number;
  /** Wall-time budget; the after-build call gives 10 % of the build. Default 20 s. */
  budgetMs?: number;
  exclude?: PairExclusions;
  /** Save the report in the index's meta table (default true). */
  save?: boolean;
}

export interface TuningReport {
  version: 1;
  status: 'tuned' | 'defaults';
  /** In plain words: why these settings. */
  reason: string;
  pairs: { commit: number; doc: number; train: number; heldOut: number };
  /** Knobs that differ from the defaults ({} for the defaults). */
  settings: RankingSettings;
  settingsText: string;
  heldOut?: { defaults: HeldOutScore; chosen: HeldOutScore };
  vectorWeight: number;
  mode: RetrievalMode;
  embedderId: string;
  notes: string[];
  tunedAt: string;
  ms: number;
  /** Where the time went: files, commits, docs, candidates, grid, save. */
  phasesMs: Record<string, number>;
  budgetMs: number;
  saved: boolean;
}

const DEFAULT_MAX_PAIRS = 32;
const DEFAULT_BUDGET_MS = 20_000;
/** Fewer pairs than this cannot tell settings apart (each held-out pair is worth 1/5 of MRR at 10). */
export const MIN_PAIRS = 10;
/**
 * A chosen setting must beat the defaults' held-out MRR by more than this, without losing R@10:
 * with ~12–24 held-out pairs a smaller gain is one pair moving one rank.
 */
const MIN_MRR_GAIN = 0.005;

export async function tuneIndex(store: IndexStore, root: string, options: TuneOptions = {}, signal?: AbortSignal): Promise<TuningReport> {
  const started = performance.now();
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = started + budgetMs;
  const max = options.maxPairs ?? DEFAULT_MAX_PAIRS;
  const notes: string[] = [];
  const phasesMs: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round(now - mark);
    mark = now;
  };
  const report = (r: Partial<TuningReport> & Pick<TuningReport, 'status' | 'reason' | 'mode'>): TuningReport => ({
    version: 1, pairs: { commit: 0, doc: 0, train: 0, heldOut: 0 }, settings: {}, settingsText: 'the defaults',
    vectorWeight: r.mode === 'hybrid' ? DEFAULT_WEIGHTS.vector : 0, embedderId: store.identity.embedderId, notes, tunedAt: new Date().toISOString(),
    ms: Math.round(performance.now() - started), phasesMs, budgetMs, saved: false, ...r,
  });
  let mode: RetrievalMode = 'keyword';
  let result: TuningReport;
  try {
    mode = await vectorMode(store, options.embedder ?? null, notes);
    const indexed = new Set((await store.listFiles()).filter(([, f]) => f.status !== 'skipped').map(([p]) => p));
    phase('files');
    // Shares of the budget: the history a third, the candidates up to 70 %, the grid up to 90 %.
    const commits = await commitPairs(root, { gitDir: options.git?.dir, rev: options.git?.rev, max, deadline: started + budgetMs / 3, indexedPaths: indexed, exclude: options.exclude, signal });
    phase('commits');
    const docs = await docCommentPairs(store, { max, exclude: options.exclude });
    phase('docs');
    notes.push(...commits.notes, ...docs.notes);
    const fetched = await fetchPairCandidates(store, interleave(commits.pairs, docs.pairs), { mode, embedder: options.embedder ?? null, deadline: started + budgetMs * 0.7, signal });
    phase('candidates');
    const counts = { commit: fetched.filter((p) => p.pair.kind === 'commit').length, doc: fetched.filter((p) => p.pair.kind === 'doc').length };
    if (fetched.length < MIN_PAIRS) {
      const why = performance.now() > deadline - budgetMs * 0.2 ? ` within the time budget of ${(budgetMs / 1000).toFixed(1)} s` : '';
      result = report({ status: 'defaults', mode, reason: `Too few self-evaluation pairs${why} (${fetched.length}, need ${MIN_PAIRS}): the global defaults are used.`, pairs: { ...counts, train: 0, heldOut: 0 } });
    } else {
      result = await chooseSettings(fetched, mode, started + budgetMs * 0.9, counts, report);
      phase('grid');
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    const message = err instanceof AskCodebaseError ? err.message : (err as Error).message;
    result = report({ status: 'defaults', mode, reason: `The self-evaluation failed (${message.split('\n')[0]}): the global defaults are used.` });
  }
  if (options.save !== false) result.saved = await saveReport(store, result, notes);
  phase('save');
  result.ms = Math.round(performance.now() - started);
  return result;
}

async function chooseSettings(
  fetched: PairCandidates[], mode: RetrievalMode, deadline: number, counts: { commit: number; doc: number },
  report: (r: Partial<TuningReport> & Pick<TuningReport, 'status' | 'reason' | 'mode'>) => TuningReport,
): Promise<TuningReport> {
  // Alternate within each kind, so both halves hold both kinds.
  const train: PairCandidates[] = [];
  const heldOut: PairCandidates[] = [];
  for (const kind of ['commit', 'doc'] as const) fetched.filter((p) => p.pair.kind === kind).forEach((p, i) => (i % 2 === 0 ? train : heldOut).push(p));
  const grid = await searchGrid(train, mode, deadline);
  const defaults = scoreSettings(heldOut, {}, mode);
  const chosen = scoreSettings(heldOut, grid.settings, mode);
  const pairs = { ...counts, train: train.length, heldOut: heldOut.length };
  const changed = Object.keys(grid.settings).length > 0;
  const wins = changed && chosen.mrr > defaults.mrr + MIN_MRR_GAIN && chosen.recallAt10 >= defaults.recallAt10 - 1e-9;
  const vectorWeight = mode === 'hybrid' ? (wins ? grid.settings.weights?.vector : undefined) ?? DEFAULT_WEIGHTS.vector : 0;
  const fmt = (s: HeldOutScore) => `MRR ${s.mrr.toFixed(3)}, R@10 ${s.recallAt10.toFixed(3)}`;
  const off = vectorWeight > 0 ? vectorsOff(train, heldOut, wins ? grid.settings : {}, wins ? chosen : defaults) : undefined;
  if (off) {
    return report({ status: 'tuned', mode, settings: off.settings, settingsText: describeSettings(off.settings), heldOut: { defaults, chosen: off.score }, pairs, vectorWeight: 0,
      reason: `Vectors did not help on this repository (held out: ${fmt(off.score)} without them, ${fmt(wins ? chosen : defaults)} with weight ${vectorWeight}; no gain on the training half either): vector weight 0${wins ? `, with ${describeSettings(grid.settings)}` : ''}.` });
  }
  if (wins) {
    return report({ status: 'tuned', mode, settings: grid.settings, settingsText: describeSettings(grid.settings), heldOut: { defaults, chosen }, pairs, vectorWeight,
      reason: `${describeSettings(grid.settings)} won on ${heldOut.length} held-out pairs (${fmt(chosen)} vs the defaults' ${fmt(defaults)}).` });
  }
  const reason = changed
    ? `The best training setting (${describeSettings(grid.settings)}) did not beat the defaults on ${heldOut.length} held-out pairs (MRR higher, R@10 not lower) (${fmt(chosen)} vs ${fmt(defaults)}): the defaults are kept.`
    : `No setting beat the defaults on ${train.length} training pairs: the defaults are kept (held-out ${fmt(defaults)}).`;
  return report({ status: 'defaults', mode, heldOut: { defaults, chosen: defaults }, pairs, vectorWeight, reason });
}

/**
 * The vector weight is set to 0 when the vectors earn nothing: the same settings without them score
 * at least as well on both halves (MRR and R@10): a signal that earns nothing is left out.
 */
function vectorsOff(train: PairCandidates[], heldOut: PairCandidates[], base: RankingSettings, withVectors: HeldOutScore): { settings: RankingSettings; score: HeldOutScore } | undefined {
  const settings: RankingSettings = { ...base, weights: { ...base.weights, vector: 0 } };
  const notWorse = (a: HeldOutScore, b: HeldOutScore) => a.mrr >= b.mrr - 1e-9 && a.recallAt10 >= b.recallAt10 - 1e-9;
  const score = scoreSettings(heldOut, settings, 'hybrid');
  if (!notWorse(score, withVectors) || !notWorse(scoreSettings(train, settings, 'hybrid'), scoreSettings(train, base, 'hybrid'))) return undefined;
  return { settings, score };
}

/** Hybrid only when every chunk has its vector and the model that made them is at hand. */
async function vectorMode(store: IndexStore, embedder: Embedder | null, notes: string[]): Promise<RetrievalMode> {
  if (store.identity.dimension === 0) return 'keyword';
  if (!embedder || embedder.id !== store.identity.embedderId) {
    notes.push(`the index has vectors of ${store.identity.embedderId} but that model was not given: the vector weight was not measured`);
    return 'keyword';
  }
  const missing = await store.countChunksMissingVectors();
  if (missing > 0) {
    notes.push(`${missing} chunks have no vector yet: the vector weight was not measured`);
    return 'keyword';
  }
  return 'hybrid';
}

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

/** Saved under the writer lock; a busy index keeps its old report (the next build tunes again). */
async function saveReport(store: IndexStore, report: TuningReport, notes: string[]): Promise<boolean> {
  const lock = await acquireWriterLock(store.dir).catch(() => null);
  if (!lock) {
    notes.push('the index was being written: the report was not saved');
    return false;
  }
  try {
    await store.writeMetaValue(SELF_TUNING_KEY, JSON.stringify({ ...report, saved: true }));
    return true;
  } catch (err) {
    notes.push(`the report could not be saved (${(err as Error).message.split('\n')[0]})`);
    return false;
  } finally {
    await lock.release();
  }
}

/** True when the index has no self-evaluation for its current model (a new or rebuilt index). */
export async function needsTuning(store: IndexStore): Promise<boolean> {
  const raw = await store.readMetaValue(SELF_TUNING_KEY).catch(() => undefined);
  if (!raw) return true;
  try {
    return (JSON.parse(raw) as { embedderId?: string }).embedderId !== store.identity.embedderId;
  } catch {
    return true;
  }
}
