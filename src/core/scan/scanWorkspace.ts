// Walks workspace roots and streams what it finds: files to index and skipped paths with a
// reason. Stat-only (contents are read later by readSourceFile), so chunking can start at once.
import type { Dirent, Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AskCodebaseError, type ScannedFile, type SkippedFile, type SkipReason } from '../types.js';
import { IgnoreRules } from './ignoreRules.js';
import { languageForPath, namesIncludeCpp } from './language.js';
import { resolveScanOptions, type ResolvedScanOptions, type ScanOptions } from './scanOptions.js';
import { fileVerdict, folderVerdict, loadIgnoreFiles, overriddenSources, type NamedEntry } from './verdicts.js';
import { describe } from './errorText.js';

export type ScanEvent =
  | { type: 'file'; file: ScannedFile }
  /** Skipped folders carry a trailing '/' in their path; their contents are not listed. */
  | { type: 'skipped'; root: string; file: SkippedFile };

interface PendingFolder {
  absDir: string;
  relDir: string;
  /** Real path: the parent's plus the name, or a followed link's resolved target. */
  realDir: string;
  rules: IgnoreRules;
}

interface Entry extends NamedEntry {
  abs: string;
}

// Stats in flight per batch. Walk of the 78k-file Linux tree, warm cache, 2 cores, best of 3:
// 1 → 5.30 s, 8 → 4.59 s, 32 → 4.57 s, 128 → 4.14 s.
const statBatch = 128;
// Folders full of ignored entries are matched without any I/O; give the event loop a turn anyway.
const entriesPerYield = 2000;

/** Streams the files under `roots` (scanned in order) with each skipped path and its reason. */
export async function* scanWorkspace(
  roots: readonly string[],
  options: ScanOptions = {},
  signal?: AbortSignal,
): AsyncGenerator<ScanEvent> {
  const resolved = resolveScanOptions(options);
  for (const root of roots) yield* scanRoot(path.resolve(root), resolved, signal);
}

async function* scanRoot(root: string, options: ResolvedScanOptions, signal?: AbortSignal): AsyncGenerator<ScanEvent> {
  const skip = (rel: string, reason: SkipReason, detail: string): ScanEvent => ({ type: 'skipped', root, file: { path: rel, reason, detail } });
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
    if (!(await fs.stat(realRoot)).isDirectory()) throw new Error('not a folder');
  } catch (err) {
    yield skip('', 'unreadable', `workspace folder cannot be read: ${describe(err)}`);
    return;
  }
  // Real paths of every folder walked or queued: a link into one of them is a loop or a repeat.
  const visited = new Set([realRoot]);
  const excluded = new Set(options.excludeFolders);
  let rules = IgnoreRules.empty();
  if (options.extraIgnorePatterns.length > 0) {
    rules = rules.withFolder('', [{ source: 'settings', text: options.extraIgnorePatterns.join('\n') }]);
  }
  const stack: PendingFolder[] = [{ absDir: root, relDir: '', realDir: realRoot, rules }];
  let sinceYield = 0;

  while (stack.length > 0) {
    throwIfAborted(signal);
    const folder = stack.pop()!;
    let dirents: Dirent[];
    try {
      dirents = await fs.readdir(folder.absDir, { withFileTypes: true });
    } catch (err) {
      yield skip(folder.relDir === '' ? '' : `${folder.relDir}/`, 'unreadable', describe(err));
      continue;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const loaded = await loadIgnoreFiles(folder.absDir, folder.relDir, folder.rules, dirents);
    for (const [name, err] of loaded.failures) yield skip(join(folder.relDir, name), 'unreadable', `ignore file not applied: ${describe(err)}`);
    const folderRules = loaded.rules;
    const folderHasCpp = namesIncludeCpp(dirents.map((d) => d.name));
    const lowerNames = new Set(dirents.map((d) => d.name.toLowerCase()));
    const subfolders: PendingFolder[] = [];
    const files: Entry[] = [];

    for (const dirent of dirents) {
      if (++sinceYield >= entriesPerYield) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
        throwIfAborted(signal);
      }
      const entry: Entry = { name: dirent.name, rel: join(folder.relDir, dirent.name), abs: path.join(folder.absDir, dirent.name) };
      let isFolder = dirent.isDirectory();
      let isFile = dirent.isFile();
      if (dirent.isSymbolicLink()) {
        if (!options.followSymlinks) {
          yield skip(entry.rel, 'excluded', 'symbolic link (followSymlinks is off)');
          continue;
        }
        const target = await resolveLink(entry.abs, realRoot);
        if ('reason' in target) {
          yield skip(entry.rel, target.reason, target.detail);
          continue;
        }
        entry.linkTarget = target;
        isFolder = target.stats.isDirectory();
        isFile = target.stats.isFile();
      } else if (!isFolder && !isFile && unknownType(dirent)) {
        // Some file systems report no type in readdir; ask lstat.
        try {
          const st = await fs.lstat(entry.abs);
          isFolder = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          yield skip(entry.rel, 'unreadable', describe(err));
          continue;
        }
      }

      if (isFolder) {
        const real = entry.linkTarget?.real ?? path.join(folder.realDir, entry.name);
        if (excluded.has(real)) {
          yield skip(`${entry.rel}/`, 'excluded', "the index's own folder");
          continue;
        }
        const verdict = folderVerdict(folderRules, entry.rel, entry.name, lowerNames);
        if (verdict) {
          yield skip(`${entry.rel}/`, verdict.reason, verdict.detail);
          continue;
        }
        if (entry.linkTarget && visited.has(real)) {
          yield skip(`${entry.rel}/`, 'symlink-loop', `links to ${displayReal(real, realRoot)}, which is already scanned`);
          continue;
        }
        visited.add(real);
        subfolders.push({ absDir: entry.abs, relDir: entry.rel, realDir: real, rules: folderRules.without(overriddenSources(folderRules, entry.rel)) });
      } else if (isFile) {
        const verdict = fileVerdict(folderRules, entry);
        if (verdict) yield skip(entry.rel, verdict.reason, verdict.detail);
        else files.push(entry);
      } else {
        yield skip(entry.rel, 'excluded', 'not a regular file (socket, FIFO or device)');
      }
    }

    for (let i = 0; i < files.length; i += statBatch) {
      throwIfAborted(signal);
      const batch = files.slice(i, i + statBatch);
      const stats = await Promise.all(batch.map((e) => (e.linkTarget ? Promise.resolve(e.linkTarget.stats) : fs.stat(e.abs).catch((err: unknown) => new StatFailure(err)))));
      for (let j = 0; j < batch.length; j++) {
        const entry = batch[j];
        const st = stats[j];
        if (st instanceof StatFailure) {
          yield skip(entry.rel, 'unreadable', describe(st.cause));
        } else if (st.size > options.maxFileSizeBytes) {
          yield skip(entry.rel, 'too-large', `${st.size} bytes, limit ${options.maxFileSizeBytes}`);
        } else {
          const language = languageForPath(entry.rel, folderHasCpp);
          yield { type: 'file', file: { root, path: entry.rel, absPath: entry.abs, size: st.size, mtimeMs: st.mtimeMs, language } };
        }
      }
    }
    // Reverse so folders pop in name order: output is deterministic, depth-first.
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]);
  }
}

async function resolveLink(abs: string, realRoot: string): Promise<{ real: string; stats: Stats } | { reason: SkipReason; detail: string }> {
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { reason: code === 'ELOOP' ? 'symlink-loop' : 'unreadable', detail: `symbolic link cannot be resolved: ${describe(err)}` };
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return { reason: 'outside-root', detail: `links outside the workspace folder, to ${real}` };
  }
  if (real === realRoot) return { reason: 'symlink-loop', detail: 'links to the workspace folder itself' };
  try {
    return { real, stats: await fs.stat(real) };
  } catch (err) {
    return { reason: 'unreadable', detail: describe(err) };
  }
}

class StatFailure {
  constructor(readonly cause: unknown) {}
}

function unknownType(d: Dirent): boolean {
  return !d.isBlockDevice() && !d.isCharacterDevice() && !d.isFIFO() && !d.isSocket();
}

function displayReal(real: string, realRoot: string): string {
  return path.relative(realRoot, real).split(path.sep).join('/') || '.';
}

function join(relDir: string, name: string): string {
  return relDir === '' ? name : `${relDir}/${name}`;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Scanning the workspace was cancelled.', { cause: signal.reason });
}
