// When the build process dies (killed, out of memory), the index on disk stays consistent and the
// build starts again after a pause that grows; after three failures in a row it stops retrying
// and offers the log. A run that ends normally starts the count over.
import * as vscode from 'vscode';

const MAX_FAILURES = 3;
/** The first restart waits this long, each later one four times longer (2 s, 8 s). */
const FIRST_DELAY_MS = 2_000;

export class BuildRestarts {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly restart: () => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  succeeded(): void {
    this.failures = 0;
  }

  /** The build process died with `reason`: schedules a restart or gives up; the text to show. */
  failed(reason: string): { message: string; restarting: boolean } {
    this.failures++;
    clearTimeout(this.timer);
    if (this.failures >= MAX_FAILURES) {
      this.failures = 0; // a re-index asked for by the user gets fresh tries
      const message = `${reason} It failed ${MAX_FAILURES} times in a row and is not restarted; run "Re-index Workspace" to try again.`;
      const show = 'Show Log';
      void vscode.window.showErrorMessage(`Ask Codebase: ${message}`, show).then((a) => a === show && this.log.show());
      return { message, restarting: false };
    }
    const delay = FIRST_DELAY_MS * 4 ** (this.failures - 1);
    this.timer = setTimeout(this.restart, delay);
    return { message: `${reason} Restarting in ${delay / 1000} s (failure ${this.failures} of ${MAX_FAILURES}).`, restarting: true };
  }

  cancel(): void {
    clearTimeout(this.timer);
  }
}
