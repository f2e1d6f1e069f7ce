// What integration tests reach through `extension.exports`: the engine's parts, and round trips
// through the chat webview's script (ping, inspect).
import type { readAnswerSettings } from './answerSettings.js';
import type { ChatController } from './chatController.js';
import type { ChatViewProvider } from './chatView.js';
import type { CitedRanges } from './citedRanges.js';
import type { InspectAction, PanelSnapshot, Turn } from '../shared/chatProtocol.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

/** What integration tests reach through `extension.exports`. */
export interface AskCodebaseApi {
  /** Round-trips a ping through the chat webview's script. */
  pingChatView(id: number): Promise<number>;
  /** Asks what the chat panel shows, after an optional UI action in it. */
  inspectChatView(action?: InspectAction): Promise<PanelSnapshot>;
  ask(question: string): Promise<Turn>;
  index: WorkspaceIndex;
  cited: CitedRanges;
  statusBarText(): string;
  statusBarTooltip(): string | undefined;
  /** How long `activate` itself took, in ms (the activation benchmark). */
  activationMs: number;
  relevanceLogFile: string;
  /** The settings as the extension reads them (user-level only). */
  answerSettings: typeof readAnswerSettings;
}

/** Requests to the webview script, each settled by the reply that carries its id. */
export class WebviewRequests {
  private readonly replies = new Map<number, (value: unknown) => void>();
  /** Ids of test requests; pings bring their own (small) ids. */
  private nextRequest = 1_000_000;

  constructor(private readonly view: ChatViewProvider) {}

  /** Sends a request to the webview script and waits for its reply carrying the same id. */
  async request<T>(send: (id: number) => Thenable<boolean>, id = this.nextRequest++): Promise<T> {
    await this.view.reveal();
    const answered = new Promise<T>((resolve) => this.replies.set(id, resolve as (v: unknown) => void));
    await send(id);
    return answered.finally(() => this.replies.delete(id));
  }

  /** A reply arrived from the script. */
  settle(id: number, value: unknown): void {
    this.replies.get(id)?.(value);
  }
}

export interface TestApiParts {
  view: ChatViewProvider;
  chat: ChatController;
  index: WorkspaceIndex;
  cited: CitedRanges;
  requests: WebviewRequests;
  relevanceLogFile: string;
  answerSettings: typeof readAnswerSettings;
  statusBarText(): string;
  statusBarTooltip(): string | undefined;
  activationMs: number;
}

export function testApi(p: TestApiParts): AskCodebaseApi {
  return {
    index: p.index,
    cited: p.cited,
    relevanceLogFile: p.relevanceLogFile,
    answerSettings: p.answerSettings,
    statusBarText: p.statusBarText,
    statusBarTooltip: p.statusBarTooltip,
    activationMs: p.activationMs,
    ask: async (question) => {
      await p.view.reveal();
      return p.chat.ask(question);
    },
    pingChatView: (id) => p.requests.request<number>(() => p.view.post({ type: 'pingRequest', id }), id),
    inspectChatView: (action = 'none') => p.requests.request<PanelSnapshot>((id) => p.view.post({ type: 'inspectRequest', id, action })),
  };
}
