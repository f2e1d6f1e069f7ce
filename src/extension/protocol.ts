// The only language the chat webview and the extension speak. Messages from the webview are
// untrusted input: `parseWebviewMessage` validates every one before it is acted on.

export interface ResultItem {
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  text: string;
  why: string;
}

export type ToWebview =
  | { type: 'status'; text: string; state: 'idle' | 'indexing' | 'ready' | 'error' }
  | { type: 'pong'; id: number }
  /** Asks the script to send `ping` with this id (a health check of the round trip). */
  | { type: 'pingRequest'; id: number }
  | { type: 'question'; text: string }
  | { type: 'answer'; question: string; summary: string; results: ResultItem[]; warnings: string[] }
  | { type: 'error'; message: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'ping'; id: number }
  | { type: 'ask'; question: string }
  | { type: 'open'; path: string; startLine: number; endLine: number };

const MAX_QUESTION = 100_000;

export function parseWebviewMessage(raw: unknown): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'ping':
      return Number.isSafeInteger(m.id) ? { type: 'ping', id: m.id as number } : undefined;
    case 'ask':
      return typeof m.question === 'string' && m.question.length <= MAX_QUESTION ? { type: 'ask', question: m.question } : undefined;
    case 'open':
      return typeof m.path === 'string' && Number.isSafeInteger(m.startLine) && Number.isSafeInteger(m.endLine) && (m.startLine as number) >= 1
        ? { type: 'open', path: m.path, startLine: m.startLine as number, endLine: m.endLine as number }
        : undefined;
    default:
      return undefined;
  }
}
