// Ranking settings a repository's self-evaluation chose (core/tune), saved in the index's meta
// table: search applies them unless told otherwise, so every caller gets them without new options.
import type { IndexStore } from '../store/indexStore.js';
import type { RankingTuning, SignalWeights } from './rankCandidates.js';

/** The meta key of the self-evaluation report. */
export const SELF_TUNING_KEY = 'selfTuning';

export interface RankingSettings {
  weights?: Partial<SignalWeights>;
  tuning?: RankingTuning;
}

/** What search needs from a saved report: the settings, when they won and fit the index's model. */
export function settingsOfReport(json: string | undefined, embedderId: string): RankingSettings | undefined {
  if (!json) return undefined;
  try {
    const report = JSON.parse(json) as { status?: string; embedderId?: string; settings?: RankingSettings };
    if (report.status !== 'tuned' || report.embedderId !== embedderId || typeof report.settings !== 'object' || report.settings === null) return undefined;
    return { weights: report.settings.weights, tuning: report.settings.tuning };
  } catch {
    // A report that cannot be read is as good as none: search keeps the defaults.
    return undefined;
  }
}

export async function savedRankingSettings(store: IndexStore): Promise<RankingSettings | undefined> {
  return settingsOfReport(await store.readMetaValue(SELF_TUNING_KEY), store.identity.embedderId);
}
