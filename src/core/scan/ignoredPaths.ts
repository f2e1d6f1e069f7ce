// Which changed paths an update can leave out: a file watcher reports every write, including build
// output, dependencies and ignored files that the scanner skips, and a path the index does not
// know makes the indexer walk the whole workspace. Judged by the scanner's own rules.
import { ignoreFileNames } from './ignoreRules.js';
import { PathJudge } from './pathJudge.js';
import type { ScanOptions } from './scanOptions.js';
import { locateStorePath, type LabelledRoot } from '../workspacePaths.js';

const ignoreFiles = new Set(ignoreFileNames.map(([name]) => name));

/**
 * `relPaths` (relative to `root`, `/`-separated) without the ones the scanner would skip. A path
 * that cannot be judged (its folder is gone or unreadable) is kept, and so is every ignore file:
 * an edit to one changes what is indexed.
 */
export async function withoutIgnoredPaths(root: string, relPaths: readonly string[], options: ScanOptions = {}): Promise<string[]> {
  const judge = new PathJudge(root, options);
  const kept: string[] = [];
  for (const rel of relPaths) {
    const parts = rel.split('/').filter(Boolean);
    if (parts.length === 0 || ignoreFiles.has(parts[parts.length - 1])) kept.push(rel);
    else {
      const verdict = await judge.ruleVerdict(rel);
      if (!verdict || verdict === 'unknown') kept.push(rel);
    }
  }
  return kept;
}

/** The same for index paths of labelled roots; a path no root holds is kept. */
export async function withoutIgnoredStorePaths(roots: readonly LabelledRoot[], storePaths: readonly string[], options: ScanOptions = {}): Promise<string[]> {
  const byRoot = new Map<LabelledRoot, string[]>();
  const kept: string[] = [];
  for (const storePath of storePaths) {
    const located = locateStorePath(roots, storePath);
    if (!located) kept.push(storePath);
    else byRoot.set(located.root, [...(byRoot.get(located.root) ?? []), located.rel]);
  }
  for (const [root, rels] of byRoot) {
    for (const rel of await withoutIgnoredPaths(root.path, rels, options)) kept.push(root.label ? `${root.label}/${rel}` : rel);
  }
  return kept;
}
