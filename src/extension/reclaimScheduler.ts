// A build leaves a minute of table versions for readers, and saves do not clean them: give that
// space back once the minute is over, between runs (a run queued meanwhile waits for it). The
// compaction runs in a build process of its own, so its memory is not the host's.
import type * as vscode from 'vscode';

/** Past the store's 60 s grace for readers, so the old versions can actually go. */
const RECLAIM_DELAY_MS = 75_000;

export class ReclaimScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A space reclaim in progress: it holds the writer lock, so runs wait for it. */
  reclaiming: Promise<void> | undefined;

  constructor(
    private readonly dbDir: string,
    private readonly log: vscode.LogOutputChannel,
    /** True while a run is writing: the reclaim waits for the next quiet moment. */
    private readonly busy: () => boolean,
  ) {}

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.busy()) return this.schedule();
      this.reclaiming = reclaimInBuildProcess(this.dbDir)
        .then((done) => this.log.info(done ? 'reclaimed the space of old index versions' : 'space reclaim skipped: another window or the CLI is writing'))
        .catch((err: unknown) => this.log.warn(`could not reclaim old index versions: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.reclaiming = undefined;
        });
    }, RECLAIM_DELAY_MS);
    this.timer.unref?.();
  }

  cancel(): void {
    clearTimeout(this.timer);
  }
}

async function reclaimInBuildProcess(dbDir: string): Promise<boolean> {
  const { BuildProcess } = await import('../core/index/buildProcess.js');
  const child = BuildProcess.start();
  try {
    return await child.run<boolean>({ kind: 'reclaim', options: { dbDir } });
  } finally {
    await child.close();
  }
}
