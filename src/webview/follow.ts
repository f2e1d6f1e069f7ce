// Keeps the newest question in view: a new turn scrolls its question to the top of the log and,
// while its answer streams in below it, keeps it there (the browser clamps the scroll while the
// log is too short, so the view moves down with the answer) until the user scrolls on their own.

export class Follow {
  /** The turn being followed; undefined once the user scrolled away from it. */
  private following: string | undefined;
  private programmatic = false;

  constructor(private readonly log: HTMLElement) {
    // Wheel, touch and keys are the user's; scroll events we cause ourselves are not.
    const userScrolled = () => (this.following = undefined);
    log.addEventListener('wheel', userScrolled, { passive: true });
    log.addEventListener('touchmove', userScrolled, { passive: true });
    log.addEventListener('keydown', (e) => {
      if (['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) userScrolled();
    });
    log.addEventListener('scroll', () => {
      if (this.programmatic) this.programmatic = false;
    });
  }

  /** A question was just sent: bring it into view, whatever the scroll position was. */
  start(turnId: string, block: HTMLElement): void {
    this.following = turnId;
    this.scrollTo(block.offsetTop - this.log.offsetTop - 4);
  }

  /** The followed turn grew: its answer comes into view below the question. */
  grew(turnId: string, block: HTMLElement): void {
    if (this.following === turnId) this.scrollTo(block.offsetTop - this.log.offsetTop - 4);
  }

  /** After a full render (history): the end of the conversation. */
  toEnd(): void {
    this.following = undefined;
    this.scrollTo(this.log.scrollHeight);
  }

  private scrollTo(y: number): void {
    const target = Math.max(0, y);
    if (Math.abs(this.log.scrollTop - target) < 1) return;
    this.programmatic = true;
    this.log.scrollTop = target;
  }
}

/** Whether an element's top is inside the log's visible area (for the panel's test snapshot). */
export function topVisible(log: HTMLElement, el: Element | null | undefined): boolean {
  if (!el) return false;
  const box = log.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  return r.top >= box.top - 1 && r.top < box.bottom;
}
