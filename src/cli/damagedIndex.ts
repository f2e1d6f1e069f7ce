// LanceDB reports a damaged index (a truncated or missing data or index file) as a raw Rust error
// from deep inside a query. Such errors become one sentence that says what to do.
import { damagedIndexFile } from '../core/store/storeErrors.js';

/** A message for a read failure inside the index, or undefined for any other error. */
export function damagedIndexMessage(err: unknown): string | undefined {
  const file = damagedIndexFile(err);
  if (file === undefined) return undefined;
  return (
    `The index could not be read: it looks damaged${file ? ` (${file})` : ''}. ` +
    'Run `ask-codebase status --db <index folder>` to see what is broken, and `ask-codebase index <folder> --db <index folder>` to repair it.'
  );
}
