// The self-evaluation report in lines for `tune` and `status`.
import type { TuningReport } from '../core/tune/tuneIndex.js';

const score = (s: { mrr: number; recallAt10: number }) => `MRR ${s.mrr.toFixed(3)} · R@10 ${s.recallAt10.toFixed(3)}`;

export function tuningLines(r: TuningReport): string[] {
  const lines = [
    `Self-tuning: ${r.status === 'tuned' ? `tuned (${r.settingsText})` : 'global defaults'}`,
    `  Why:      ${r.reason}`,
    `  Pairs:    ${r.pairs.commit} from commits, ${r.pairs.doc} from doc comments (${r.pairs.train} training, ${r.pairs.heldOut} held out)`,
  ];
  if (r.heldOut) lines.push(`  Held out: defaults ${score(r.heldOut.defaults)}; chosen ${score(r.heldOut.chosen)}`);
  lines.push(`  Vectors:  ${r.mode === 'hybrid' ? `weight ${r.vectorWeight}` : 'not measured (keyword index or no model)'}; model ${r.embedderId}`);
  for (const n of r.notes) lines.push(`  Note:     ${n}`);
  lines.push(`  Took:     ${(r.ms / 1000).toFixed(1)} s of a ${(r.budgetMs / 1000).toFixed(1)} s budget, ${r.tunedAt}${r.saved ? '' : ' (not saved)'}`);
  return lines;
}

/** The saved report, or undefined when it is missing or unreadable. */
export function parseSavedReport(json: string | undefined): TuningReport | undefined {
  if (!json) return undefined;
  try {
    const r = JSON.parse(json) as TuningReport;
    return r && r.version === 1 ? r : undefined;
  } catch {
    return undefined;
  }
}
