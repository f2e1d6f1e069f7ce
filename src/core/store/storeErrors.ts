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
