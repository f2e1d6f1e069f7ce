// Plans an index run before anything is read or written: which files to read (new, or changed by
// size or mtime), which are gone, which the scanner skips now and why. A full run walks every
// root (stat only); a targeted run (saved paths, every one already indexed) looks only at them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { languageForPath } from '../scan/language.js';
import { PathJudge } from '../scan/pathJudge.js';
import type { ScanOptions } from '../scan/scanOptions.js';
import { scanWorkspace } from '../scan/scanWorkspace.js';
import type { FileRow } from '../store/schema.js';
import type { ScannedFile } from '../types.js';
import { locateStorePath } from '../workspacePaths.js';
import { statDecision, type KnownFile } from './changePlan.js';
import { relevantChanges } from './relevantChanges.js';
import { rootUnreadable } from './rootChecks.js';
import { skippedFileRow } from './rows.js';

export interface IndexRoot {
  path: string;
  /** Prefix for paths in a multi-root workspace ('' or undefined for a single root). */
  label?: string;
}

/** A file to read: maybe changed (its hash decides) or new. */
export interface WorkItem {
  file: ScannedFile;
  storePath: string;
}

export interface PlanInput {
  roots: IndexRoot[];
  /** What the index holds now, by index path. */
  known: ReadonlyMap<string, KnownFile>;
  scan?: ScanOptions;
  /** The index's own folder: never walked, its writes are never changes. */
  indexDir: string;
  /** Changed index paths (a save): when every relevant one is already indexed, no walk. */
  onlyPaths?: string[];
  signal?: AbortSignal;
  /** Files walked so far, now and then during a walk. */
  onWalked?: (filesSeen: number) => void;
  /** With `onlyPaths`: when only a walk can apply them, plan nothing (undefined) instead of walking. */
  noWalk?: boolean;
}

export interface IndexPlan {
  /** True when only the changed paths were looked at. */
  targeted: boolean;
  work: WorkItem[];
  /** Index paths no longer found (deleted, moved, or their root is no longer indexed). */
  gone: string[];
  /** Skip records for everything the scanner skips now, with the reason. */
  skipped: FileRow[];
  /** Paths of indexed files that the scanner skips now: their chunks go. */
  nowSkipped: string[];
  /** Indexed files the plan removes (gone or now skipped), and how many there were: the mass-delete guard. */
  removing: number;
  indexedBefore: number;
  filesSeen: number;
  unchanged: number;
}

/** Every 2000 files walked, a progress event: cheap, and it shows a long walk is moving. */
const WALK_PROGRESS_FILES = 2000;

export async function planIndex(input: PlanInput & { noWalk: true }): Promise<IndexPlan | undefined>;
export async function planIndex(input: PlanInput): Promise<IndexPlan>;
export async function planIndex(input: PlanInput): Promise<IndexPlan | undefined> {
  const { known } = input;
  const found = (input.onlyPaths && (await targetedWork(input))) || (input.noWalk ? undefined : await walkRoots(input));
  if (!found) return undefined;
  const gone = [...known.keys()].filter((p) => !found.seen.has(p));
  const nowSkipped = found.skipped.filter((r) => { const k = known.get(r.path); return k !== undefined && k.status !== 'skipped'; }).map((r) => r.path);
  return {
    targeted: found.targeted,
    work: found.work,
    gone,
    skipped: found.skipped,
    nowSkipped,
    removing: gone.filter((p) => known.get(p)?.status !== 'skipped').length + nowSkipped.length,
    indexedBefore: [...known.values()].filter((k) => k.status !== 'skipped').length,
    filesSeen: found.filesSeen,
    unchanged: found.unchanged,
  };
}

interface Found {
  targeted: boolean;
  work: WorkItem[];
  skipped: FileRow[];
  /** Index paths that still exist (skipped ones too). */
  seen: Set<string>;
  filesSeen: number;
  unchanged: number;
}

/** The full walk (stat only): it also gives the totals that make progress honest. */
async function walkRoots(input: PlanInput): Promise<Found> {
  const found: Found = { targeted: false, work: [], skipped: [], seen: new Set(), filesSeen: 0, unchanged: 0 };
  // The index's own folder is never walked: inside a root it would index its own writes.
  const scan = { ...input.scan, excludeFolders: [...(input.scan?.excludeFolders ?? []), await fs.realpath(input.indexDir)] };
  for (const root of input.roots) {
    const prefix = root.label ? `${root.label}/` : '';
    for await (const event of scanWorkspace([root.path], scan, input.signal)) {
      if (event.type === 'skipped') {
        // The root itself went away during the walk: stop before anything is deleted.
        if (event.file.path === '') throw rootUnreadable(root.path, event.file.detail);
        // Folders skipped by rule are counted, not stored; one that cannot be read is listed.
        if (event.file.path.endsWith('/') && event.file.reason !== 'unreadable') continue;
        const storePath = prefix + event.file.path;
        found.seen.add(storePath);
        found.skipped.push(skippedFileRow(storePath, event.file.reason, event.file.detail ?? ''));
        continue;
      }
      const storePath = prefix + event.file.path;
      found.seen.add(storePath);
      found.filesSeen++;
      const decision = statDecision(input.known.get(storePath), event.file.size, event.file.mtimeMs);
      if (decision === 'unchanged') found.unchanged++;
      else found.work.push({ file: event.file, storePath });
      if (found.filesSeen % WALK_PROGRESS_FILES === 0) input.onWalked?.(found.filesSeen);
    }
  }
  return found;
}

/**
 * Work for a targeted update, or undefined when a walk is needed (an ignore file changed, a path
 * is new to the index or no longer a file). A path that now leads out of the root (or to a key
 * file) gets a skip record instead of a read.
 */
async function targetedWork(input: PlanInput): Promise<Found | undefined> {
  const { roots, known } = input;
  const changes = await relevantChanges(roots, input.onlyPaths ?? [], { scan: input.scan, indexDir: input.indexDir });
  if (changes.walk) return undefined;
  const work: WorkItem[] = [];
  const gone = new Set<string>();
  const skipped: FileRow[] = [];
  const judges = new Map<IndexRoot, PathJudge>();
  for (const storePath of changes.paths) {
    const prev = known.get(storePath);
    if (!prev || prev.status === 'skipped') return undefined;
    const located = locateStorePath(roots, storePath);
    if (!located) return undefined;
    const { root, rel } = located;
    const absPath = path.join(root.path, rel);
    const st = await fs.lstat(absPath).catch(() => undefined);
    if (!st) {
      gone.add(storePath);
      continue;
    }
    let judge = judges.get(root);
    if (!judge) judges.set(root, (judge = new PathJudge(root.path, input.scan)));
    // The last walk accepted this path and no ignore file changed since (that would be a walk):
    // what can have changed is where the path leads.
    const verdict = await judge.linkVerdict(rel);
    if (verdict === 'unknown') return undefined;
    if (verdict) skipped.push(skippedFileRow(storePath, verdict.reason, verdict.detail));
    else {
      const target = st.isSymbolicLink() ? await fs.stat(absPath).catch(() => undefined) : st;
      if (!target?.isFile()) return undefined;
      work.push({ storePath, file: { root: root.path, path: rel, absPath, size: target.size, mtimeMs: target.mtimeMs, language: languageForPath(rel) } });
    }
  }
  return { targeted: true, work, skipped, seen: new Set([...known.keys()].filter((p) => !gone.has(p))), filesSeen: work.length, unchanged: 0 };
}
