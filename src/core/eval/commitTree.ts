// Writes the plain tree of one commit into a folder (git archive piped into tar, no shell): the
// tree a synthesized record's gold lines refer to.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { AskCodebaseError } from '../types.js';

export async function materializeCommitTree(repoDir: string, commit: string, destDir: string, signal?: AbortSignal): Promise<void> {
  await fs.mkdir(destDir, { recursive: true });
  const git = spawn('git', ['-C', repoDir, 'archive', '--format=tar', commit], { signal, stdio: ['ignore', 'pipe', 'pipe'] });
  const tar = spawn('tar', ['-x', '-C', destDir], { signal, stdio: ['pipe', 'ignore', 'pipe'] });
  git.stdout.pipe(tar.stdin);
  const errors = { git: '', tar: '' };
  git.stderr.setEncoding('utf8').on('data', (d: string) => (errors.git += d));
  tar.stderr.setEncoding('utf8').on('data', (d: string) => (errors.tar += d));
  const done = (p: typeof git | typeof tar) =>
    new Promise<number | null>((resolve, reject) => {
      p.on('error', reject);
      p.on('close', resolve);
    });
  let codes: (number | null)[];
  try {
    codes = await Promise.all([done(git), done(tar)]);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new AskCodebaseError('git-failed', `Cannot write the tree of ${commit}: ${(err as Error).message}`, { cause: err });
  }
  if (codes[0] !== 0 || codes[1] !== 0) {
    throw new AskCodebaseError('git-failed', `Cannot write the tree of ${commit} into ${destDir}: ${(errors.git + errors.tar).trim() || `exit ${codes.join('/')}`}`);
  }
}
