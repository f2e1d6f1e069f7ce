// The only language the chat webview and the extension speak. Messages from the webview are
// untrusted input: `parseWebviewMessage` validates every one before it is acted on.
// It imports nothing: the webview (browser) and the extension (Node) both build on it. The
// engine's citation shapes are restated here; the extension's typecheck fails if they drift.

/** The engine's `CitationStatus`: the cited lines are as retrieved, moved, or not found. */
export type CitationStatus = 'valid' | 'stale' | 'invalid';

/** A retrieved source as the panel shows it (chip, hover preview). */
export interface SourceItem {
  index: number;
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  language: string;
  /** The retrieved text, lines startLine..endLine. */
  text: string;
  status: CitationStatus;
  reason?: string;
  /** Why it was retrieved, in plain words: "matched `height`, `parse` in the code; ranked 5th by its words". */
  why: string;
  /** Lines (1-based, in the file) that hold the question's words: highlighted instead of the whole range. */
  matchedLines?: number[];
}

/** A checked citation as the panel shows it (the engine's `CheckedCitation` without `movedTo`). */
export interface CitationItem {
  /** The text as written in the answer, e.g. '[2]' or 'src/a.ts:10-20'. */
  marker: string;
  sourceIndex?: number;
  path: string;
  startLine: number;
  endLine: number;
  status: CitationStatus;
  reason?: string;
}

export interface Turn {
  id: string;
  question: string;
  /** Markdown as the provider wrote it. */
  text: string;
  provider: string;
  providerLabel: string;
  cached: boolean;
  complete: boolean;
  /** The turn is still streaming. */
  pending: boolean;
  sources: SourceItem[];
  citations: CitationItem[];
  warnings: string[];
  /** Estimated size of the prompt sent to the model, in tokens. */
  promptTokens?: number;
  error?: string;
  /** 👍/👎 on the whole answer, if given. */
  useful?: boolean;
  /** 👍/👎 per source index. */
  sourceFeedback: Record<number, boolean>;
  /** Words as written in the sources that matched the question: marked in quoted code. */
  marks?: string[];
  /** Shown while pending instead of "Searching…", e.g. that the question waits for indexing. */
  notice?: string;
}

/** 'starting': the extension is loading; 'not-indexed': nothing is indexed (e.g. after Clear Index). */
export type IndexStatusState = 'starting' | 'not-indexed' | 'indexing' | 'paused' | 'ready' | 'error';

export interface StatusInfo {
  state: IndexStatusState;
  text: string;
  /** How questions are searched now, e.g. "keyword + symbol search (no embedding model)". */
  mode: string;
  /** Which answerer is used now, e.g. "Answers: extractive (no model)". */
  answers: string;
}

export type InspectAction = 'none' | 'hoverFirstChip' | 'clearHover' | 'clickFirstChip' | 'thumbsUpAnswer' | 'clickStop' | 'scrollToTop' | 'submitEmpty' | 'typeInQuestion';

export type ToWebview =
  | { type: 'status'; status: StatusInfo }
  /** `tabSize`: the editor's, so quoted code lines up as it does there. */
  | { type: 'history'; turns: Turn[]; examples: string[]; tabSize?: number }
  | { type: 'turn'; turn: Turn }
  | { type: 'delta'; id: string; text: string }
  | { type: 'pong'; id: number }
  /** Asks the script to send `ping` with this id (a health check of the round trip). */
  | { type: 'pingRequest'; id: number }
  /** Test hook: report what the panel shows (after an optional UI action). */
  | { type: 'inspectRequest'; id: number; action: InspectAction }
  | { type: 'notice'; message: string };

export interface PanelSnapshot {
  turns: number;
  /** Chips in the last answer's text: label, status class, aria-label. */
  chips: Array<{ label: string; status: string; ariaLabel: string }>;
  /** The hover preview, when open: header text, numbered lines, highlighted line numbers. */
  hover?: { header: string; why: string; lines: number[]; highlighted: number[] };
  answerHtml: string;
  emptyStateVisible: boolean;
  /** Text of the empty state (index state, examples), when shown. */
  emptyText: string;
  stopVisible: boolean;
  /** The header: index state line and answerer line. */
  statusText: string;
  answersText: string;
  /** The message under the input (validation), empty when none. */
  inputError: string;
  /** Whether the last question's top is inside the visible part of the log, and the log's scroll offset. */
  lastQuestionVisible: boolean;
  scrollTop: number;
  /** Notices shown in the last turn (e.g. waiting for indexing). */
  notices: string[];
  /** Id of the last `pong` the script received (checks the ping round trip end to end). */
  lastPong?: number;
}

export type FromWebview =
  | { type: 'ready' }
  | { type: 'ping'; id: number }
  | { type: 'ask'; question: string }
  | { type: 'stop'; id: string }
  /** `lines`: the matched lines to flash (else the range flashes). */
  | { type: 'open'; path: string; startLine: number; endLine: number; lines?: number[] }
  | { type: 'copy'; id: string }
  | { type: 'newChat' }
  | { type: 'feedback'; id: string; useful: boolean; sourceIndex?: number }
  | { type: 'command'; command: WebviewCommand }
  | { type: 'inspected'; id: number; snapshot: PanelSnapshot };

/** The extension commands the panel may run (its toolbar and empty state). */
export const WEBVIEW_COMMANDS = ['askCodebase.reindex', 'askCodebase.selectModel', 'askCodebase.showStatus'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

export const MAX_QUESTION_CHARS = 100_000;
const MAX_PATH = 4096;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const isInt = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);

export function parseWebviewMessage(raw: unknown): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'newChat':
      return { type: 'newChat' };
    case 'ping':
      return isInt(m.id) ? { type: 'ping', id: m.id } : undefined;
    case 'ask':
      return typeof m.question === 'string' && m.question.length <= MAX_QUESTION_CHARS ? { type: 'ask', question: m.question } : undefined;
    case 'stop':
      return isId(m.id) ? { type: 'stop', id: m.id } : undefined;
    case 'copy':
      return isId(m.id) ? { type: 'copy', id: m.id } : undefined;
    case 'open':
      return typeof m.path === 'string' && m.path.length > 0 && m.path.length <= MAX_PATH && isInt(m.startLine, 1) && isInt(m.endLine, 1) && m.endLine >= m.startLine
        ? { type: 'open', path: m.path, startLine: m.startLine, endLine: m.endLine, ...(Array.isArray(m.lines) && m.lines.length <= 100 && m.lines.every((l) => isInt(l, 1)) ? { lines: m.lines as number[] } : {}) }
        : undefined;
    case 'feedback':
      if (!isId(m.id) || typeof m.useful !== 'boolean') return undefined;
      if (m.sourceIndex === undefined) return { type: 'feedback', id: m.id, useful: m.useful };
      return isInt(m.sourceIndex, 1) ? { type: 'feedback', id: m.id, useful: m.useful, sourceIndex: m.sourceIndex } : undefined;
    case 'command':
      return (WEBVIEW_COMMANDS as readonly unknown[]).includes(m.command) ? { type: 'command', command: m.command as WebviewCommand } : undefined;
    case 'inspected':
      return isInt(m.id) && typeof m.snapshot === 'object' && m.snapshot !== null ? { type: 'inspected', id: m.id, snapshot: m.snapshot as PanelSnapshot } : undefined;
    default:
      return undefined;
  }
}
