// How long to wait before retrying a rate-limited request: the server's Retry-After, else backoff.

/** Never wait longer than this per retry, whatever the server asks; a user is watching. */
export const MAX_RETRY_DELAY_MS = 20_000;
const BASE_BACKOFF_MS = 500;

/** `attempt` is 0 for the first retry. Reads retry-after-ms, then Retry-After (seconds or HTTP date). */
export function retryDelayMs(headers: Headers | undefined, attempt: number, now = Date.now()): number {
  const fromHeader = headerDelay(headers, now);
  const delay = fromHeader ?? BASE_BACKOFF_MS * 2 ** attempt;
  return Math.min(Math.max(0, delay), MAX_RETRY_DELAY_MS);
}

function headerDelay(headers: Headers | undefined, now: number): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw.trim());
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? date - now : undefined;
}
