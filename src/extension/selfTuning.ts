// The self-evaluation's lines in the index status (it runs in the build process after a new or
// rebuilt index: buildProcessRun.ts).
import type { StoreStats } from '../core/store/storeStats.js';
import { parseSavedReport, tuningFacts, tuningHeadline } from '../core/tune/reportFacts.js';

/** Markdown lines of the saved report for "Show Index Status". */
export function selfTuningSection(stats: StoreStats | undefined): string[] {
  const r = parseSavedReport(stats?.selfTuning);
  if (!r) return ['## Self-tuning', '', 'Not run yet: search uses the global defaults. It runs after the next full build.', ''];
  return ['## Self-tuning', '', `- Settings: ${tuningHeadline(r)}`, ...tuningFacts(r).map(([label, value]) => `- ${label}: ${value}`), ''];
}
