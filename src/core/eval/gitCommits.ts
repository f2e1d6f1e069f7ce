// Reads a repository's history through the git CLI (no shell): commits newest-first as a stream,
// and the old-side line ranges a commit changed in one file.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { AskCodebaseError } from '../types.js';
import type { GoldRange } from './dataset.js';

const execFileAsync = promisify(execFile);

export type FileStatus = 'A' | 'M' | 'D' | 'T' | 'C' | 'R' | 'U' | 'X';

export interface CommitInfo {
  hash: string;
  parents: string[];
  /** Author date, ISO 8601. */
  date: string;
  message: string;
  files: { status: FileStatus; path: string }[];
}

export async function runGit(repoDir: string, args: string[], signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', ['-C', repoDir, '-c', 'core.quotePath=false', ...args], { signal, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    if (signal?.aborted) throw err;
    const e = err as Error & { stderr?: string };
    throw new AskCodebaseError('git-failed', `git ${args[0]} failed in ${repoDir}: ${(e.stderr || e.message).trim()}`, { cause: err });
  }
}

const RS = '\x1e';
const FS = '\x1f';

/** Commits reachable from `rev`, newest first, streamed so a caller that has enough can stop early. */
export async function* readCommits(repoDir: string, opts: { rev?: string; maxCommits?: number; signal?: AbortSignal } = {}): AsyncGenerator<CommitInfo> {
  const args = ['-C', repoDir, '-c', 'core.quotePath=false', 'log', '--no-merges', '--no-renames', '--name-status',
    `--format=${RS}%H${FS}%P${FS}%aI${FS}%B${FS}`];
  if (opts.maxCommits) args.push(`--max-count=${opts.maxCommits}`);
  args.push(opts.rev ?? 'HEAD', '--');
  opts.signal?.throwIfAborted();
  const child = spawn('git', args, { signal: opts.signal, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  // Handled below, after the output is read; this keeps an early failure from going unhandled.
  exited.catch(() => undefined);
  let pending = '';
  let finished = false;
  try {
    child.stdout.setEncoding('utf8');
    for await (const data of child.stdout as AsyncIterable<string>) {
      pending += data;
      const parts = pending.split(RS);
      pending = parts.pop()!;
      for (const part of parts) if (part.trim()) yield parseCommit(part);
    }
    if (pending.trim()) yield parseCommit(pending);
    finished = true;
    opts.signal?.throwIfAborted();
  } finally {
    // A caller that stopped early leaves git writing into a closed pipe: end it.
    if (!finished) child.kill();
  }
  const code = await exited.catch((err) => {
    if (opts.signal?.aborted) throw err;
    throw new AskCodebaseError('git-failed', `git log failed in ${repoDir}: ${(err as Error).message}`, { cause: err });
  });
  if (code !== 0) throw new AskCodebaseError('git-failed', `git log failed in ${repoDir}: ${stderr.trim() || `exit ${code}`}`);
}

function parseCommit(text: string): CommitInfo {
  const [hash, parents, date, message, rest = ''] = text.split(FS);
  const files = rest.split('\n').flatMap((line) => {
    const m = /^([AMDTCRUX])\d*\t(.+)$/.exec(line);
    return m ? [{ status: m[1] as FileStatus, path: m[2] }] : [];
  });
  return { hash, parents: parents.split(' ').filter(Boolean), date, message: message.trim(), files };
}

export interface OldSideHunks {
  ranges: GoldRange[];
  /** Added + deleted lines. */
  linesChanged: number;
}

/**
 * The old-side hunks of `git diff -U0 parent commit -- path`: 1-based inclusive ranges in the parent's
 * file. A hunk that only adds lines is anchored at the line it follows (`start == end`, line 0 → 1).
 */
export async function oldSideHunks(repoDir: string, parent: string, commit: string, path: string, signal?: AbortSignal): Promise<OldSideHunks> {
  const diff = await runGit(repoDir, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', parent, commit, '--', path], signal);
  const ranges: GoldRange[] = [];
  let linesChanged = 0;
  for (const line of diff.split('\n')) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (m) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      const anchor = Math.max(1, start);
      ranges.push(count === 0 ? { path, start: anchor, end: anchor } : { path, start, end: start + count - 1 });
    } else if ((line.startsWith('+') && !line.startsWith('+++')) || (line.startsWith('-') && !line.startsWith('---'))) {
      linesChanged++;
    }
  }
  return { ranges, linesChanged };
}
