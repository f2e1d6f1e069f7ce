// One content hash for chunk text everywhere: the indexer stores it, the citation checker
// recomputes it from the file on disk to tell a live citation from a stale one.
import { createHash } from 'node:crypto';

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
