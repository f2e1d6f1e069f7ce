// Turns raw counters into the rate and ETA shown to the user.
import type { ProgressEvent } from '../types.js';

/** Rates are averaged over this window; shorter windows made the status bar ETA jump by ×3 between ticks. */
const RATE_WINDOW_MS = 5_000;

export class ProgressMeter {
  private samples: { t: number; chunks: number; files: number }[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  event(base: Omit<ProgressEvent, 'chunksPerSecond' | 'etaSeconds'>): ProgressEvent {
    const t = this.now();
    this.samples.push({ t, chunks: base.chunksDone, files: base.filesDone });
    while (this.samples.length > 2 && t - this.samples[0].t > RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const dt = (t - first.t) / 1000;
    if (dt <= 0) return { ...base };
    const chunksPerSecond = (base.chunksDone - first.chunks) / dt;
    const filesPerSecond = (base.filesDone - first.files) / dt;
    const remaining = base.filesTotal - base.filesDone;
    const etaSeconds = filesPerSecond > 0 && remaining >= 0 ? remaining / filesPerSecond : undefined;
    return { ...base, chunksPerSecond, etaSeconds };
  }

  reset(): void {
    this.samples = [];
  }
}
