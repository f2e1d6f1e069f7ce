// The self-evaluation after an editor build (a new or rebuilt index only, never after a save),
// and its lines in the index status. One call site (indexRun) so it can move with the build.
import type * as vscode from 'vscode';
import type { Embedder } from '../core/embed/embedder.js';
import type { StoreStats } from '../core/store/storeStats.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';

export async function tuneAfterEditorBuild(
  dbDir: string, root: string, buildMs: number, embedder: Embedder | null, signal: AbortSignal, log: vscode.LogOutputChannel,
): Promise<void> {
  try {
    const { tuneAfterBuild } = await import('../core/tune/afterBuild.js');
    const r = await tuneAfterBuild(dbDir, root, { buildMs, embedder }, signal);
    if (r) log.info(`self-tuning: ${r.status === 'tuned' ? r.settingsText : 'global defaults'} in ${(r.ms / 1000).toFixed(1)} s — ${r.reason}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
  } catch (err) {
    if (signal.aborted) return;
    // The index is built and searchable with the defaults: a failed self-evaluation only says so.
    log.warn(`self-tuning skipped: ${(err as Error).message}`);
  }
}

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
