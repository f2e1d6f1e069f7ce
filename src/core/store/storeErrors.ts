// LanceDB reports file-system failures as Rust error strings; turn the ones a user can act on
// into AskCodebaseErrors with a message that says what to do.
import { AskCodebaseError } from '../types.js';

export function storeWriteError(err: unknown, dir: string, action: string): AskCodebaseError {
  if (err instanceof AskCodebaseError) return err;
  const text = err instanceof Error ? err.message : String(err);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || /no space left|ENOSPC|disk (is )?full|quota exceeded/i.test(text)) {
    return new AskCodebaseError('index-disk-full', `The disk holding the index (${dir}) is full while ${action}. Free some space and re-index.`, { cause: err });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || /permission denied|read-only file system|not a directory/i.test(text)) {
    return new AskCodebaseError('index-dir-unwritable', `The index folder ${dir} cannot be written (${action}): ${text}`, { cause: err });
  }
  return new AskCodebaseError('index-write-failed', `Writing the index at ${dir} failed while ${action}: ${text}`, { cause: err });
}

// A damaged index (a truncated or missing data or index file) surfaces as a raw Rust error from
// deep inside a query: recognised here so every caller can say what happened and how to repair.
const LANCE_READ_FAILURE = /lance error|LanceError|Not found: .*\.lance|Invalid range \d+\.\.\d+ for object/i;

/** For a read failure inside the index: the damaged file's name ('' if unknown); else undefined. */
export function damagedIndexFile(err: unknown): string | undefined {
  if (err instanceof AskCodebaseError) return undefined;
  const text = err instanceof Error ? err.message : String(err);
  if (!LANCE_READ_FAILURE.test(text)) return undefined;
  return /([^\s/]+\.lance)\b/.exec(text)?.[1] ?? '';
}
