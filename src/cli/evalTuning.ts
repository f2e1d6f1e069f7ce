// The eval's `*-tuned` variants: each tree is tuned as the product would tune it after a build,
// on the history reachable from the tree's commit, with every dev-set query kept out of the pairs.
import path from 'node:path';
import type { Embedder } from '../core/embed/embedder.js';
import type { EvalRecord } from '../core/eval/dataset.js';
import type { TreeTuner } from '../core/eval/runEval.js';
import type { TuningReport } from '../core/tune/tuneIndex.js';
import { AskCodebaseError } from '../core/types.js';

export async function treeTuner(
  opts: { tuneGit?: string; tunePairs?: string; tuneBudget?: string },
  records: EvalRecord[],
  embedder: Embedder | null,
): Promise<{ tune: TreeTuner; reports: Record<string, TuningReport> }> {
  const { tuneIndex } = await import('../core/tune/tuneIndex.js');
  const maxPairs = Number(opts.tunePairs ?? 32);
  const budgetMs = Number(opts.tuneBudget ?? 20) * 1000;
  if (!Number.isInteger(maxPairs) || maxPairs < 1 || !(budgetMs > 0)) throw new AskCodebaseError('bad-arguments', '--tune-pairs must be a positive integer and --tune-budget a positive number of seconds.');
  // Guards on top of the history's own cut-off: no fix commit, query or needle of any loaded set.
  const exclude = {
    commits: records.flatMap((r) => (r.fix_commit ? [r.fix_commit] : [])),
    queries: records.map((r) => r.query),
    symbols: records.flatMap((r) => (typeof r.meta?.name === 'string' ? [r.meta.name] : [])),
  };
  const reports: Record<string, TuningReport> = {};
  const tune: TreeTuner = async (store, tree, record) => {
    const git = opts.tuneGit ? { dir: path.join(path.resolve(opts.tuneGit), record.repo.replace('/', '+'), 'repo'), rev: record.commit } : undefined;
    const report = await tuneIndex(store, tree, { embedder, maxPairs, budgetMs, exclude, git, save: false });
    reports[path.basename(tree)] = report;
    process.stderr.write(`\r[tune] ${path.basename(tree)}: ${report.status} (${report.settingsText}; ${report.pairs.commit}+${report.pairs.doc} pairs, ${report.ms} ms)\x1b[K\n`);
    return report.status === 'tuned' ? report.settings : undefined;
  };
  return { tune, reports };
}
