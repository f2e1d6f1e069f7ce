// Which changed paths an update must look at. A file watcher reports every write, including build
// output, dependencies, ignored files and the index's own files, and a path the index does not
// know makes the indexer walk the whole workspace. Judged by the scanner's own rules, so a path is
// left out exactly when a walk would skip it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ignoreFileNames } from '../scan/ignoreRules.js';
import { PathJudge } from '../scan/pathJudge.js';
import type { ScanOptions } from '../scan/scanOptions.js';
import { locateStorePath, type LabelledRoot } from '../workspacePaths.js';

const ignoreFiles = new Set(ignoreFileNames.map(([name]) => name));

export interface RelevantChanges {
  /** The changed index paths that matter, in the order given, without repeats. */
  paths: string[];
  /**
   * Only a walk can apply them: an ignore file changed (what is indexed below it may differ), or
   * a path lies in no root.
   */
  walk: boolean;
}

export interface RelevanceOptions {
  scan?: ScanOptions;
  /** The index's own folder: when it lies inside a root, its writes are never changes. */
  indexDir?: string;
}

/**
 * Leaves out the paths the scanner would skip by rule (ignore files, settings patterns, version
 * control, dependencies, secrets) and those inside the index's own folder. Kept: every ignore
 * file, a path that cannot be judged (its folder is gone or unreadable: the indexer may have to
 * drop what it indexed) and a path no root holds. Links are not judged here: the indexer checks
 * where a kept path leads when it reads it.
 */
export async function relevantChanges(roots: readonly LabelledRoot[], storePaths: readonly string[], options: RelevanceOptions = {}): Promise<RelevantChanges> {
  const judges = new Map<LabelledRoot, { judge: PathJudge; indexRel: string | undefined }>();
  const paths: string[] = [];
  let walk = false;
  for (const storePath of new Set(storePaths)) {
    const located = locateStorePath(roots, storePath);
    if (!located) {
      paths.push(storePath);
      walk = true;
      continue;
    }
    let root = judges.get(located.root);
    if (!root) judges.set(located.root, (root = { judge: new PathJudge(located.root.path, options.scan), indexRel: await folderInside(located.root.path, options.indexDir) }));
    const parts = located.rel.split('/').filter(Boolean);
    if (root.indexRel !== undefined && (located.rel === root.indexRel || located.rel.startsWith(`${root.indexRel}/`))) continue;
    if (parts.length > 0 && ignoreFiles.has(parts[parts.length - 1])) {
      paths.push(storePath);
      walk = true;
      continue;
    }
    const verdict = parts.length === 0 ? undefined : await root.judge.ruleVerdict(located.rel);
    if (!verdict || verdict === 'unknown') paths.push(storePath);
  }
  return { paths, walk };
}

/** `folder` relative to `root` ('/'-separated) when it lies below it, compared as real paths. */
async function folderInside(root: string, folder: string | undefined): Promise<string | undefined> {
  if (!folder) return undefined;
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const rel = path.relative(await real(root), await real(folder));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
