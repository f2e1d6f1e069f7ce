// The self-evaluation's lines in the index status (it runs in the build process after a new or
// rebuilt index: buildProcessRun.ts).
import type { StoreStats } from '../core/store/storeStats.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';

/** Markdown lines of the saved report for "Show Index Status". */
export function selfTuningSection(stats: StoreStats | undefined): string[] {
  let r: TuningReport | undefined;
  try {
    r = stats?.selfTuning ? (JSON.parse(stats.selfTuning) as TuningReport) : undefined;
  } catch {
    r = undefined;
  }
  if (!r) return ['## Self-tuning', '', 'Not run yet: search uses the global defaults. It runs after the next full build.', ''];
  const score = (s: { mrr: number; recallAt10: number }) => `MRR ${s.mrr.toFixed(3)}, R@10 ${s.recallAt10.toFixed(3)}`;
  return [
    '## Self-tuning', '',
    `- Settings: ${r.status === 'tuned' ? r.settingsText : 'the global defaults'}`,
    `- Why: ${r.reason}`,
    `- Pairs: ${r.pairs.commit} from commit messages, ${r.pairs.doc} from doc comments (${r.pairs.train} training, ${r.pairs.heldOut} held out)`,
    ...(r.heldOut ? [`- Held out: defaults ${score(r.heldOut.defaults)}; chosen ${score(r.heldOut.chosen)}`] : []),
    `- Vector weight: ${r.mode === 'hybrid' ? r.vectorWeight : 'not measured (no vectors)'}`,
    ...r.notes.map((n) => `- Note: ${n}`),
    '',
  ];
}
