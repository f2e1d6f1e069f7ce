// The self-evaluation report in lines for `tune` and `status`.
import { tuningFacts, tuningHeadline } from '../core/tune/reportFacts.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';

export { parseSavedReport } from '../core/tune/reportFacts.js';

export function tuningLines(r: TuningReport): string[] {
  return [`Self-tuning: ${tuningHeadline(r)}`, ...tuningFacts(r).map(([label, value]) => `  ${`${label}:`.padEnd(10)}${value}`)];
}
