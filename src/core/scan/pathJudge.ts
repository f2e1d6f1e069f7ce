// Judges single paths by the scanner's own rules without walking the tree: ignore files along the
// path, built-in excludes, secrets, and links that lead out of the root. Used for file events and
// targeted updates, so a file that became skipped is treated the way a full walk would treat it.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe } from './errorText.js';
import { IgnoreRules } from './ignoreRules.js';
import { resolveScanOptions, type ResolvedScanOptions, type ScanOptions } from './scanOptions.js';
import { fileVerdict, folderVerdict, loadIgnoreFiles, overriddenSources, type Verdict } from './verdicts.js';

interface Folder {
  rules: IgnoreRules;
  dirents: Dirent[];
  lowerNames: Set<string>;
}

/** A skip verdict, 'unknown' when a folder on the way cannot be read, or undefined: indexable. */
export type PathJudgement = Verdict | 'unknown';

export class PathJudge {
  private readonly folders = new Map<string, Promise<Folder | undefined>>();
  private readonly options: ResolvedScanOptions;
  private readonly top: IgnoreRules;
  private realRoot: Promise<string | undefined> | undefined;

  constructor(
    readonly root: string,
    options: ScanOptions = {},
  ) {
    this.options = resolveScanOptions(options);
    const patterns = this.options.extraIgnorePatterns;
    this.top = patterns.length > 0 ? IgnoreRules.empty().withFolder('', [{ source: 'settings', text: patterns.join('\n') }]) : IgnoreRules.empty();
  }

  /** What the ignore rules, excludes and secret names say about `rel` ('/'-separated). */
  async ruleVerdict(rel: string): Promise<PathJudgement> {
    const parts = rel.split('/').filter(Boolean);
    if (parts.length === 0) return undefined;
    let rules = this.top;
    for (let i = 0; i < parts.length; i++) {
      const relDir = parts.slice(0, i).join('/');
      const here = await this.folder(relDir, rules);
      if (!here) return 'unknown';
      const name = parts[i];
      const childRel = relDir ? `${relDir}/${name}` : name;
      const isFolder = i < parts.length - 1 || here.dirents.some((d) => d.name === name && d.isDirectory());
      if (!isFolder) return fileVerdict(here.rules, { name, rel: childRel });
      const verdict = folderVerdict(here.rules, childRel, name, here.lowerNames);
      if (verdict) return verdict;
      rules = here.rules.without(overriddenSources(here.rules, childRel));
    }
    return undefined;
  }

  /** The rule verdict plus the link checks. */
  async verdict(rel: string): Promise<PathJudgement> {
    return (await this.ruleVerdict(rel)) ?? this.linkVerdict(rel);
  }

  /**
   * The link checks alone: a path whose real location is outside the root, or a link to a key
   * file, is skipped. Enough for a file the last walk accepted when no ignore file changed since.
   */
  async linkVerdict(rel: string): Promise<PathJudgement> {
    const abs = path.join(this.root, rel);
    const link = await fs.lstat(abs).then((st) => st.isSymbolicLink(), () => false);
    if (link && !this.options.followSymlinks) return { reason: 'excluded', detail: 'symbolic link (followSymlinks is off)' };
    const realRoot = await this.getRealRoot();
    if (!realRoot) return 'unknown';
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { reason: 'unreadable', detail: describe(err) };
    }
    if (!isInside(real, realRoot)) return { reason: 'outside-root', detail: `links outside the workspace folder, to ${real}` };
    // A link is judged by its target's name too (a link to a key file is a key file).
    if (link) {
      const target = fileVerdict(IgnoreRules.empty(), { name: path.basename(real), rel, linkTarget: { real, stats: await fs.stat(real) } });
      if (target?.reason === 'secret') return target;
    }
    return undefined;
  }

  private getRealRoot(): Promise<string | undefined> {
    this.realRoot ??= fs.realpath(this.root).catch(() => undefined);
    return this.realRoot;
  }

  private folder(relDir: string, inherited: IgnoreRules): Promise<Folder | undefined> {
    let pending = this.folders.get(relDir);
    if (!pending) {
      pending = (async () => {
        const absDir = path.join(this.root, relDir);
        const dirents = await fs.readdir(absDir, { withFileTypes: true }).catch(() => undefined);
        if (!dirents) return undefined;
        const { rules } = await loadIgnoreFiles(absDir, relDir, inherited, dirents);
        return { rules, dirents, lowerNames: new Set(dirents.map((d) => d.name.toLowerCase())) };
      })();
      this.folders.set(relDir, pending);
    }
    return pending;
  }
}

/** Whether real path `p` is `realRoot` or lies below it. */
export function isInside(p: string, realRoot: string): boolean {
  return p === realRoot || p.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}
