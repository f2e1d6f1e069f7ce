// Gitignore-syntax rules gathered while walking down a tree. Each ignore file applies relative to
// its own folder; within one kind of file the deepest folder that has an opinion wins (as in git),
// and kinds rank .askcodebaseignore > settings patterns > .ignore > .gitignore (as ripgrep ranks
// its custom ignore file over .ignore over .gitignore).
import ignore, { type Ignore } from 'ignore';

export type IgnoreSource = 'askcodebaseignore' | 'settings' | 'ignore' | 'gitignore';

/** Ignore files read in each folder, in the order they are consulted. */
export const ignoreFileNames: ReadonlyArray<[string, IgnoreSource]> = [
  ['.askcodebaseignore', 'askcodebaseignore'],
  ['.ignore', 'ignore'],
  ['.gitignore', 'gitignore'],
];

/** A rule's verdict: 'ignore', 're-include' (a `!pattern` matched last), or no opinion. */
export type IgnoreVerdict = 'ignore' | 'reinclude' | undefined;

// Git compares case-sensitively except on case-insensitive file systems (macOS, Windows).
const ignoreCase = process.platform === 'win32' || process.platform === 'darwin';

interface Level {
  /** Folder relative to the root, '' for the root itself, no trailing slash. */
  folder: string;
  matchers: Map<IgnoreSource, Ignore>;
  parent: Level | undefined;
}

export class IgnoreRules {
  private constructor(private readonly top: Level | undefined) {}

  static empty(): IgnoreRules {
    return new IgnoreRules(undefined);
  }

  /** Rules with one more folder's ignore files on top; `this` when the folder adds none. */
  withFolder(folder: string, files: ReadonlyArray<{ source: IgnoreSource; text: string }>): IgnoreRules {
    const matchers = new Map<IgnoreSource, Ignore>();
    for (const { source, text } of files) {
      const existing = matchers.get(source) ?? ignore({ ignorecase: ignoreCase });
      existing.add(text);
      matchers.set(source, existing);
    }
    if (matchers.size === 0) return this;
    return new IgnoreRules({ folder, matchers, parent: this.top });
  }

  /**
   * Rules with every folder's matchers of `sources` dropped. Used below a folder that a higher
   * source re-included against these: their patterns matched the folder itself, and the package
   * would otherwise re-apply that parent match to everything inside.
   */
  without(sources: readonly IgnoreSource[]): IgnoreRules {
    if (sources.length === 0) return this;
    const levels: Level[] = [];
    for (let level = this.top; level; level = level.parent) levels.push(level);
    let top: Level | undefined;
    for (const level of levels.reverse()) {
      const matchers = new Map([...level.matchers].filter(([source]) => !sources.includes(source)));
      if (matchers.size > 0) top = { folder: level.folder, matchers, parent: top };
    }
    return new IgnoreRules(top);
  }

  /** The verdict of one kind of ignore file for a path relative to the root. */
  verdict(source: IgnoreSource, relPath: string, isFolder: boolean): IgnoreVerdict {
    return this.match(source, relPath, isFolder).verdict;
  }

  /** The pattern that ignores a path and the folder of its ignore file ('' for the root), for the user. */
  ruleFor(source: IgnoreSource, relPath: string, isFolder: boolean): { folder: string; pattern: string } | undefined {
    const m = this.match(source, relPath, isFolder);
    return m.verdict === 'ignore' && m.pattern !== undefined ? { folder: m.folder, pattern: m.pattern } : undefined;
  }

  private match(source: IgnoreSource, relPath: string, isFolder: boolean): { verdict: IgnoreVerdict; folder: string; pattern?: string } {
    for (let level = this.top; level; level = level.parent) {
      const matcher = level.matchers.get(source);
      if (!matcher) continue;
      const local = level.folder === '' ? relPath : relPath.slice(level.folder.length + 1);
      const result = matcher.test(isFolder ? `${local}/` : local);
      if (result.ignored) return { verdict: 'ignore', folder: level.folder, pattern: result.rule?.pattern };
      if (result.unignored) return { verdict: 'reinclude', folder: level.folder };
    }
    return { verdict: undefined, folder: '' };
  }
}
