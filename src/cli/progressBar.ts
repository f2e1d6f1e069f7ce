// Progress on a terminal: one redrawn line on a TTY, JSON lines when piped (for scripts and CI).
import type { ProgressEvent } from '../core/types.js';

export function progressPrinter(json: boolean, stream: NodeJS.WriteStream = process.stderr): { update(e: ProgressEvent): void; done(): void } {
  if (json || !stream.isTTY) {
    return {
      update: (e) => process.stdout.write(JSON.stringify({ type: 'progress', ...e }) + '\n'),
      done: () => {},
    };
  }
  let last = 0;
  return {
    update(e) {
      const now = Date.now();
      if (now - last < 100 && e.phase !== 'done') return;
      last = now;
      const width = 24;
      const frac = e.filesTotal > 0 ? Math.min(1, e.filesDone / e.filesTotal) : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const rate = e.chunksPerSecond ? ` ${Math.round(e.chunksPerSecond)} chunks/s` : '';
      const eta = e.etaSeconds !== undefined && Number.isFinite(e.etaSeconds) ? ` ETA ${Math.ceil(e.etaSeconds)}s` : '';
      const counts = e.filesTotal > 0 ? `${e.filesDone}/${e.filesTotal}` : `${e.filesDone}`;
      stream.write(`\r\x1b[2K${e.phase.padEnd(8)} ${bar} ${counts}${rate}${eta}${e.message ? ' ' + e.message : ''}`);
    },
    done() {
      stream.write('\n');
    },
  };
}
