// The child's side of a build process (started by buildProcess.ts with a bounded malloc): runs
// the jobs its parent sends, one at a time, and leaves when the parent disconnects or dies.
// Progress, log lines and questions go back over the IPC channel. The process's entry
// (src/cli/buildProcessMain.ts) gives the handlers, so steps above the indexer (the
// self-evaluation) run here without the indexer importing them.
import { AskCodebaseError } from '../types.js';
import type { FromBuildProcess, ToBuildProcess } from './buildProtocol.js';
import { runBuildJob, type BuildJobHandlers } from './buildJobs.js';
import { PauseGate } from './pauseGate.js';

/** After the parent is gone and the job is cancelled, time to release the writer lock. */
const ORPHAN_EXIT_GRACE_MS = 10_000;

/** Serves the parent's jobs with these handlers until the parent goes. */
export function serveBuildJobs(handlers: BuildJobHandlers): void {
  const gate = new PauseGate();
  const running = new Map<number, AbortController>();
  const answers = new Map<number, (value: boolean) => void>();
  let nextAsk = 1;
  let queue = Promise.resolve();

  const send = (message: FromBuildProcess) => {
    if (process.connected) process.send?.(message);
  };
  /** Peak resident memory of this process (all its threads), for the parent's numbers. */
  const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;

  process.on('message', (message: ToBuildProcess) => {
    switch (message.type) {
      case 'run': {
        const { jobId, job } = message;
        const ac = new AbortController();
        running.set(jobId, ac);
        queue = queue.then(async () => {
          try {
            const result = await runBuildJob(handlers, job, {
              signal: ac.signal,
              gate,
              progress: (event) => send({ type: 'progress', jobId, event }),
              log: (level, text) => send({ type: 'log', jobId, level, message: text }),
              ask: (question) => new Promise<boolean>((resolve) => {
                const askId = nextAsk++;
                answers.set(askId, resolve);
                send({ type: 'ask', jobId, askId, question });
              }),
            });
            send({ type: 'done', jobId, result, peakRssBytes: peakRssBytes() });
          } catch (err) {
            const code = err instanceof AskCodebaseError ? err.code : undefined;
            send({ type: 'failed', jobId, error: { code, message: err instanceof Error ? err.message : String(err) }, peakRssBytes: peakRssBytes() });
          } finally {
            running.delete(jobId);
          }
        });
        return;
      }
      case 'pause':
        return gate.pause();
      case 'resume':
        return gate.resume();
      case 'cancel':
        return running.get(message.jobId)?.abort();
      case 'answer': {
        answers.get(message.askId)?.(message.value);
        answers.delete(message.askId);
        return;
      }
    }
  });

  // The parent closed the channel (its builds are done) or died: cancel what runs, release the
  // index, leave. A job that does not end in time does not keep the process alive.
  process.on('disconnect', () => {
    for (const ac of running.values()) ac.abort();
    for (const answer of answers.values()) answer(false);
    gate.resume();
    setTimeout(() => process.exit(running.size > 0 ? 130 : 0), ORPHAN_EXIT_GRACE_MS).unref();
    void queue.then(() => process.exit(0));
  });
}
