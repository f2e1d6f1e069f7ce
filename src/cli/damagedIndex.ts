// LanceDB reports a damaged index (a truncated or missing data or index file) as a raw Rust error
// from deep inside a query. Such errors become one sentence that says what to do.

const LANCE_READ_FAILURE = /lance error|LanceError|Not found: .*\.lance|Invalid range \d+\.\.\d+ for object/i;

/** A message for a read failure inside the index, or undefined for any other error. */
export function damagedIndexMessage(err: unknown): string | undefined {
  const text = err instanceof Error ? err.message : String(err);
  if (!LANCE_READ_FAILURE.test(text)) return undefined;
  const file = /([^\s/]+\.lance)\b/.exec(text)?.[1];
  return (
    `The index could not be read: it looks damaged${file ? ` (${file})` : ''}. ` +
    'Run `ask-codebase status --db <index folder>` to see what is broken, and `ask-codebase index <folder> --db <index folder>` to repair it.'
  );
}
