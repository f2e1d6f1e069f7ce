// glibc gives each thread that contends for malloc an arena of its own (up to eight per core)
// and rarely hands their memory back. An index build runs many native threads (LanceDB's
// runtime, the chunker workers), and on a first build of Linux 6.1 (78k files) the arenas alone
// held ~200 MB: peak RSS 1.11 GB, 0.93 GB with MALLOC_ARENA_MAX=2, in the same time. glibc
// reads the variable only when the process starts, so a command that builds an index runs
// itself again with it set.
import { spawn } from 'node:child_process';

const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;

/** Re-runs this CLI invocation with MALLOC_ARENA_MAX=2 when that can help; true if it did. */
export function relaunchWithBoundedMalloc(): boolean {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  // Ctrl-C reaches the child from the terminal itself (same process group): this process only
  // waits for it to finish cancelling. Other signals are passed on.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  child.on('error', (err) => {
    process.stderr.write(`ask-codebase: could not start: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.off('SIGINT', ignore);
      for (const s of FORWARDED) process.off(s, forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
  return true;
}
