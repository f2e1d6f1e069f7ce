// glibc gives each thread that contends for malloc an arena of its own (up to eight per core)
// and rarely hands their memory back. An index build runs many native threads (LanceDB's
// runtime, the chunker workers), and on a first build of Linux 6.1 (78k files) the arenas alone
// held ~200 MB: peak RSS 1.11 GB, 0.93 GB with MALLOC_ARENA_MAX=2, in the same time. glibc
// reads the variable only when the process starts, so a command that builds an index runs
// itself again with it set.
import { spawn } from 'node:child_process';

const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;
/** Set in the relaunched copy: the launcher's pid, which that copy watches. */
const LAUNCHER_ENV = 'ASK_CODEBASE_LAUNCHER_PID';
/** How often the relaunched copy checks that its launcher lives; a getppid() call, no I/O. */
const LAUNCHER_POLL_MS = 500;
/** After cancelling, time allowed to release the index lock before leaving anyway. */
const ORPHAN_EXIT_GRACE_MS = 10_000;

/** Re-runs this CLI invocation with MALLOC_ARENA_MAX=2 when that can help; true if it did. */
export function relaunchWithBoundedMalloc(): boolean {
  if (process.env[LAUNCHER_ENV]) {
    dieWithLauncher(Number(process.env[LAUNCHER_ENV]));
    return false;
  }
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MALLOC_ARENA_MAX: '2', [LAUNCHER_ENV]: String(process.pid) },
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

/**
 * A launcher killed with SIGKILL cannot pass anything on, and Linux re-parents its child instead
 * of ending it: the relaunched copy notices that its parent changed and cancels itself (SIGINT,
 * as Ctrl-C would), leaving after a grace period if cancelling does not end it.
 */
function dieWithLauncher(launcherPid: number): void {
  delete process.env[LAUNCHER_ENV];
  if (process.ppid !== launcherPid) return;
  const timer = setInterval(() => {
    if (process.ppid === launcherPid) return;
    clearInterval(timer);
    process.stderr.write('ask-codebase: the launching process ended; stopping.\n');
    setTimeout(() => process.exit(130), ORPHAN_EXIT_GRACE_MS).unref();
    process.kill(process.pid, 'SIGINT');
  }, LAUNCHER_POLL_MS);
  timer.unref();
}
