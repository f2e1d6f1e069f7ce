// Run by boundedMalloc.test.ts: relaunches once (unless told not to), then the copy that runs the
// command reports its pid and environment and exits as asked.
import { relaunchWithBoundedMalloc } from '../../../src/cli/boundedMalloc.js';

if (!relaunchWithBoundedMalloc()) {
  process.stdout.write(`ran pid=${process.pid} MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}\n`);
  if (process.argv[2] === 'die-by-signal') process.kill(process.pid, 'SIGTERM');
  else if (process.argv[2] === 'wait') setInterval(() => undefined, 1000); // until told otherwise
  else process.exit(Number(process.argv[2] ?? 0));
}
