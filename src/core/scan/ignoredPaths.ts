// Which changed paths an update can leave out: a file watcher reports every write, including build
// output, dependencies and ignored files that the scanner skips, and a path the index does not
// know makes the indexer walk the whole workspace. Judged by the scanner's own rules.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IgnoreRules, ignoreFileNames } from './ignoreRules.js';
import { resolveScanOptions, type ScanOptions } from './scanOptions.js';
import { fileVerdict, folderVerdict, loadIgnoreFiles, overriddenSources } from './verdicts.js';
import { locateStorePath, type LabelledRoot } from '../workspacePaths.js';

interface Folder {
  rules: IgnoreRules;
  dirents: Dirent[];
  lowerNames: Set<string>;
}

const ignoreFiles = new Set(ignoreFileNames.map(([name]) => name));

/**
 * `relPaths` (relative to `root`, `/`-separated) without the ones the scanner would skip. A path
 * that cannot be judged (its folder is gone or unreadable) is kept, and so is every ignore file:
 * an edit to one changes what is indexed.
 */
export async function withoutIgnoredPaths(root: string, relPaths: readonly string[], options: ScanOptions = {}): Promise<string[]> {
  const patterns = resolveScanOptions(options).extraIgnorePatterns;
  const top = patterns.length > 0 ? IgnoreRules.empty().withFolder('', [{ source: 'settings', text: patterns.join('\n') }]) : IgnoreRules.empty();
  const folders = new Map<string, Promise<Folder | undefined>>();
  const folder = (relDir: string, inherited: IgnoreRules): Promise<Folder | undefined> => {
    let pending = folders.get(relDir);
    if (!pending) {
      pending = (async () => {
        const absDir = path.join(root, relDir);
        const dirents = await fs.readdir(absDir, { withFileTypes: true }).catch(() => undefined);
        if (!dirents) return undefined;
        const { rules } = await loadIgnoreFiles(absDir, relDir, inherited, dirents);
        return { rules, dirents, lowerNames: new Set(dirents.map((d) => d.name.toLowerCase())) };
      })();
      folders.set(relDir, pending);
    }
    return pending;
  };

  const kept: string[] = [];
  for (const rel of relPaths) {
    if (!(await isSkipped(rel))) kept.push(rel);
  }
  return kept;

  async function isSkipped(rel: string): Promise<boolean> {
    const parts = rel.split('/').filter(Boolean);
    if (parts.length === 0 || ignoreFiles.has(parts[parts.length - 1])) return false;
    let rules = top;
    for (let i = 0; i < parts.length; i++) {
      const relDir = parts.slice(0, i).join('/');
      const here = await folder(relDir, rules);
      if (!here) return false;
      const name = parts[i];
      const childRel = relDir ? `${relDir}/${name}` : name;
      const isFolder = i < parts.length - 1 || here.dirents.some((d) => d.name === name && d.isDirectory());
      if (!isFolder) return fileVerdict(here.rules, { name, rel: childRel }) !== undefined;
      if (folderVerdict(here.rules, childRel, name, here.lowerNames)) return true;
      rules = here.rules.without(overriddenSources(here.rules, childRel));
    }
    return false;
  }
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
