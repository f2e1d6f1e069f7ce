// One index run at a time: full runs and batches of changed paths wait their turn, a full run
// asked for resolves only when a run that started after the ask is done.
export class RunQueue<R> {
  /** The run in flight, if any. */
  running: Promise<R | undefined> | undefined;
  private pending = new Set<string>();
  private pendingFull = false;
  /** Full runs asked for, and the number of the last request a finished run covered. */
  private fullRequested = 0;
  private fullCovered = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: (onlyPaths: string[] | undefined) => Promise<R | undefined>,
    /** Work that holds the writer lock between runs (a space reclaim): runs wait for it. */
    private readonly blocker: () => Promise<void> | undefined,
    private readonly stopped: () => boolean,
    /** Path changes closer together than this become one run. */
    private readonly debounceMs: number,
  ) {}

  /** A full run; resolves when a run that started after this call is done. */
  async full(): Promise<R | undefined> {
    this.pendingFull = true;
    const ticket = ++this.fullRequested;
    let result: R | undefined;
    while (this.fullCovered < ticket && !this.stopped()) {
      result = await this.drain();
      if (!this.running && !this.pendingFull && this.fullCovered < ticket) break; // cleared meanwhile
    }
    return result;
  }

  /** Changed paths: a targeted run after a short pause. */
  paths(paths: string[]): void {
    for (const p of paths) this.pending.add(p);
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.drain(), this.debounceMs);
  }

  /** Resolves when no run is going and none is queued. */
  async settled(): Promise<void> {
    while (this.running || this.pending.size > 0 || this.pendingFull) {
      if (!this.running) await this.drain();
      else await this.running;
    }
  }

  /** Forgets queued work; every full run asked for so far counts as covered. */
  clear(): void {
    this.pending.clear();
    this.pendingFull = false;
    this.fullCovered = this.fullRequested;
  }

  dispose(): void {
    clearTimeout(this.debounce);
  }

  /** A full run if one was asked for, else the changed paths. */
  private drain(): Promise<R | undefined> {
    if (this.running) return this.running;
    const blocker = this.blocker();
    if (blocker) return blocker.then(() => this.drain());
    if (this.stopped() || (!this.pendingFull && this.pending.size === 0)) return Promise.resolve(undefined);
    const onlyPaths = this.pendingFull ? undefined : [...this.pending];
    const covers = this.pendingFull ? this.fullRequested : this.fullCovered;
    this.pendingFull = false;
    this.pending.clear();
    this.running = this.run(onlyPaths).finally(() => {
      this.fullCovered = Math.max(this.fullCovered, covers);
      this.running = undefined;
      if (this.pendingFull || this.pending.size > 0) void this.drain();
    });
    return this.running;
  }
}
