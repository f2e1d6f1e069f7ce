// `ask-codebase`: the command-line face of the engine (index, status, search, ask, eval).
// This entry stays small: a command that builds an index may first run itself again with a
// bounded malloc (boundedMalloc.ts), before the engine and LanceDB's native code are loaded.
import { relaunchWithBoundedMalloc } from './boundedMalloc.js';

/** Commands that build indexes, where many native threads allocate. */
const BUILDS_INDEXES = new Set(['index', 'eval']);

if (!(BUILDS_INDEXES.has(process.argv[2] ?? '') && relaunchWithBoundedMalloc())) {
  void import('./program.js').then((cli) => cli.run());
}
