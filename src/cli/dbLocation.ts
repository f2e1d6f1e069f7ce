// Where the CLI keeps an index when --db is not given: a per-user cache folder keyed by the root,
// so the user's repository is never written to.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export function defaultDbDir(root: string): string {
  const abs = path.resolve(root);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const key = createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join(base, 'ask-codebase', 'indexes', `${path.basename(abs) || 'root'}-${key}`);
}
