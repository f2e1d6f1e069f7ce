// Whether a path is skipped, and why: built-in excludes, secrets and ignore files, ranked the way
// the scanner applies them. Shared by the scanner and by the filter for file-watcher events.
import type { Dirent, Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SkipReason } from '../types.js';
import { excludedFileReason, excludedFolderReason, isMinifiedName, vcsFolders } from './builtinExcludes.js';
import { ignoreFileNames, type IgnoreRules, type IgnoreSource } from './ignoreRules.js';
import { secretFileReason } from './secretFiles.js';

export type Verdict = { reason: SkipReason; detail: string } | undefined;

export interface NamedEntry {
  name: string;
  rel: string;
  /** Target stats when the entry is a followed symbolic link. */
  linkTarget?: { real: string; stats: Stats };
}

export function folderVerdict(rules: IgnoreRules, rel: string, name: string, siblingNames: ReadonlySet<string>): Verdict {
  if (vcsFolders.has(name)) return { reason: 'excluded', detail: 'version-control folder' };
  return ruleVerdict(rules, rel, true, excludedFolderReason(name, siblingNames));
}

export function fileVerdict(rules: IgnoreRules, entry: NamedEntry): Verdict {
  // Secrets first: no ignore file can bring them back. A link is judged by its target's name too.
  const secret = secretFileReason(entry.name, entry.rel) ?? (entry.linkTarget ? secretFileReason(path.basename(entry.linkTarget.real)) : undefined);
  if (secret) return { reason: 'secret', detail: secret };
  if (isMinifiedName(entry.name)) {
    return ruleVerdict(rules, entry.rel, false, undefined, { reason: 'minified', detail: 'minified by its name' });
  }
  return ruleVerdict(rules, entry.rel, false, excludedFileReason(entry.name));
}

function ruleVerdict(rules: IgnoreRules, rel: string, isFolder: boolean, builtin: string | undefined, builtinVerdict?: Verdict): Verdict {
  for (const source of ['askcodebaseignore', 'settings'] as const) {
    const v = rules.verdict(source, rel, isFolder);
    if (v === 'ignore') return { reason: 'ignored', detail: ruleLabel(rules, source, rel, isFolder) };
    if (v === 'reinclude') return undefined;
  }
  if (builtinVerdict) return builtinVerdict;
  if (builtin) return { reason: 'excluded', detail: builtin };
  for (const source of ['ignore', 'gitignore'] as const) {
    const v = rules.verdict(source, rel, isFolder);
    if (v === 'ignore') return { reason: 'ignored', detail: ruleLabel(rules, source, rel, isFolder) };
    if (v === 'reinclude') return undefined;
  }
  return undefined;
}

/** Lower-ranked sources that ignore a folder which a higher-ranked one re-included. */
export function overriddenSources(rules: IgnoreRules, rel: string): IgnoreSource[] {
  const reincluded = (['askcodebaseignore', 'settings'] as const).some((s) => rules.verdict(s, rel, true) === 'reinclude');
  if (!reincluded) return [];
  return (['ignore', 'gitignore'] as const).filter((s) => rules.verdict(s, rel, true) === 'ignore');
}

function sourceLabel(source: IgnoreSource): string {
  return source === 'settings' ? 'the extra ignore patterns this scan was given' : `.${source}`;
}

/** "src/.gitignore: *.log": the ignore file and the pattern in it that matched. */
function ruleLabel(rules: IgnoreRules, source: IgnoreSource, rel: string, isFolder: boolean): string {
  const rule = rules.ruleFor(source, rel, isFolder);
  if (!rule) return sourceLabel(source);
  const file = source === 'settings' ? sourceLabel(source) : `${rule.folder ? `${rule.folder}/` : ''}.${source}`;
  return `${file}: ${rule.pattern}`;
}

/** The rules of a folder: its parent's plus the ignore files among its entries. */
export async function loadIgnoreFiles(absDir: string, relDir: string, rules: IgnoreRules, dirents: Dirent[]): Promise<{ rules: IgnoreRules; failures: [string, unknown][] }> {
  const present = new Set(dirents.filter((d) => !d.isDirectory()).map((d) => d.name));
  const files: { source: IgnoreSource; text: string }[] = [];
  const failures: [string, unknown][] = [];
  for (const [name, source] of ignoreFileNames) {
    if (!present.has(name)) continue;
    try {
      files.push({ source, text: await fs.readFile(path.join(absDir, name), 'utf8') });
    } catch (err) {
      failures.push([name, err]);
    }
  }
  return { rules: rules.withFolder(relDir, files), failures };
}

