// Points TMPDIR (and so os.tmpdir() here and in every child process) at a fresh folder that is
// removed when this process exits: test runs leave nothing behind in the system temp folder,
// whether their tests pass, fail or forget to clean up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function useScratchTmpdir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.TMPDIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}
