// The self-evaluation report as labelled facts, for the CLI's lines and the editor's Index Status
// (one wording, two renderings), and the saved report read back from the index's meta.
import type { TuningReport } from './tuneIndex.js';

const score = (s: { mrr: number; recallAt10: number }) => `MRR ${s.mrr.toFixed(3)} · R@10 ${s.recallAt10.toFixed(3)}`;

/** "tuned (symbol weight 1, …)" or "global defaults". */
export function tuningHeadline(r: TuningReport): string {
  return r.status === 'tuned' ? `tuned (${r.settingsText})` : 'global defaults';
}

export function tuningFacts(r: TuningReport): Array<[label: string, value: string]> {
  return [
    ['Why', r.reason],
    ['Pairs', `${r.pairs.commit} from commits, ${r.pairs.doc} from doc comments (${r.pairs.train} training, ${r.pairs.heldOut} held out)`],
    ...(r.heldOut ? [['Held out', `defaults ${score(r.heldOut.defaults)}; chosen ${score(r.heldOut.chosen)}`] as [string, string]] : []),
    ['Vectors', `${r.mode === 'hybrid' ? `weight ${r.vectorWeight}` : 'not measured (keyword index or no model)'}; model ${r.embedderId}`],
    ...r.notes.map((n): [string, string] => ['Note', n]),
    ['Took', `${(r.ms / 1000).toFixed(1)} s of a ${(r.budgetMs / 1000).toFixed(1)} s budget, ${r.tunedAt}${r.saved ? '' : ' (not saved)'}`],
  ];
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
