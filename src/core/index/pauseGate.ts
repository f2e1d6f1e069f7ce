// Lets long work stop between units and wait, without losing its place (pause/resume).

export class PauseGate {
  private waiting: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private readonly listeners = new Set<(paused: boolean) => void>();

  get paused(): boolean {
    return this.waiting !== null;
  }

  pause(): void {
    if (this.waiting) return;
    this.waiting = new Promise((resolve) => (this.release = resolve));
    for (const l of this.listeners) l(true);
  }

  resume(): void {
    const release = this.release;
    if (!release) return;
    this.waiting = null;
    this.release = null;
    release();
    for (const l of this.listeners) l(false);
  }

  /** Calls `listener` on every pause and resume (e.g. to mirror them into a build process); returns the unsubscribe. */
  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at once when running; when paused, when resumed or when the signal aborts. */
  async wait(signal?: AbortSignal): Promise<void> {
    while (this.waiting) {
      if (signal?.aborted) return;
      const abort = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([this.waiting, abort]);
    }
  }
}
