// Lets long work stop between units and wait, without losing its place (pause/resume).

export class PauseGate {
  private waiting: Promise<void> | null = null;
  private release: (() => void) | null = null;

  get paused(): boolean {
    return this.waiting !== null;
  }

  pause(): void {
    if (this.waiting) return;
    this.waiting = new Promise((resolve) => (this.release = resolve));
  }

  resume(): void {
    const release = this.release;
    this.waiting = null;
    this.release = null;
    release?.();
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
