// A stream that stops when its source goes quiet: a model server that stalls after its first
// token must not hang an answer forever.
import { AskCodebaseError } from '../types.js';

/** Local models can pause while loading or swapping; a minute of silence mid-answer is a stall. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Yields what `source` yields; when nothing arrives for `idleMs`, calls `stop` (which should
 * abort the source's request) and throws a 'provider-stalled' error.
 */
export async function* withIdleTimeout<T>(source: AsyncIterable<T>, idleMs: number, label: string, stop: () => void): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quiet = new Promise<'stalled'>((resolve) => {
      timer = setTimeout(() => resolve('stalled'), idleMs);
    });
    const next = it.next();
    let step: IteratorResult<T> | 'stalled';
    try {
      step = await Promise.race([next, quiet]);
    } finally {
      clearTimeout(timer);
    }
    if (step === 'stalled') {
      // The pending read fails once the request is aborted; that failure is expected.
      next.catch(() => undefined);
      stop();
      throw new AskCodebaseError('provider-stalled', `${label} sent nothing for ${Math.round(idleMs / 1000)} s, so Ask Codebase stopped waiting.`);
    }
    if (step.done) return;
    yield step.value;
  }
}
