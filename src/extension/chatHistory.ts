// The chat's turns for this workspace, kept in workspace state so they survive a reload.
import type * as vscode from 'vscode';
import type { Turn } from '../shared/chatProtocol.js';

const KEY = 'askCodebase.chatHistory';
/** Enough to scroll back through a working session; each turn holds its sources (a few KB each). */
const MAX_TURNS = 40;

export class ChatHistory {
  private turns: Turn[];

  constructor(private readonly memento: vscode.Memento) {
    const saved = memento.get<Turn[]>(KEY, []);
    // A turn that was streaming when the window closed ends as it was.
    this.turns = Array.isArray(saved) ? saved.map((t) => (t.pending ? { ...t, pending: false, complete: false, error: t.error ?? 'Interrupted by a reload.' } : t)) : [];
  }

  all(): Turn[] {
    return this.turns;
  }

  get(id: string): Turn | undefined {
    return this.turns.find((t) => t.id === id);
  }

  /** Adds or replaces a turn (by id) and saves. */
  async put(turn: Turn): Promise<void> {
    const i = this.turns.findIndex((t) => t.id === turn.id);
    if (i >= 0) this.turns[i] = turn;
    else this.turns.push(turn);
    if (this.turns.length > MAX_TURNS) this.turns.splice(0, this.turns.length - MAX_TURNS);
    await this.memento.update(KEY, this.turns);
  }

  async clear(): Promise<void> {
    this.turns = [];
    await this.memento.update(KEY, []);
  }
}
