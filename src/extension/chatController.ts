// Runs the conversation: a question from the panel or the command → retrieval → streamed answer →
// checked citations, with stop, copy, new chat, history and 👍/👎.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AnswerCache, askIndex, selectProvider, type AnswerProvider, type EditorSelection } from '../core/answer/index.js';
import { AskCodebaseError } from '../core/types.js';
import { byteReaderFor, fileReaderFor } from '../core/workspacePaths.js';
import { answerCandidates, readAnswerSettings, remotePolicy } from './answerSettings.js';
import type { ChatHistory } from './chatHistory.js';
import type { ChatViewProvider } from './chatView.js';
import type { CitedRanges } from './citedRanges.js';
import { VsCodeLmProvider } from './lmProvider.js';
import type { Turn } from '../shared/chatProtocol.js';
import { fromAnswer, sourcesFromChunks } from './sourceItems.js';
import type { RelevanceLog } from './relevanceLog.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export interface ChatDeps {
  view: ChatViewProvider;
  index: WorkspaceIndex;
  history: ChatHistory;
  relevance: RelevanceLog;
  cited: CitedRanges;
  secrets: vscode.SecretStorage;
  answerCacheDir: string;
  log: vscode.LogOutputChannel;
  /** Example questions for the empty state, drawn from the index. */
  examples: () => Promise<string[]>;
}

export class ChatController {
  private readonly running = new Map<string, AbortController>();
  private cache: Promise<AnswerCache | undefined> | undefined;

  constructor(private readonly deps: ChatDeps) {}

  /** Sends the saved conversation (on panel load and after a new chat). */
  async showHistory(): Promise<void> {
    const tabSize = vscode.workspace.getConfiguration('editor').get<number>('tabSize');
    await this.deps.view.post({ type: 'history', turns: this.deps.history.all(), examples: await this.deps.examples(), tabSize });
  }

  async ask(question: string, selection?: EditorSelection): Promise<Turn> {
    const turn: Turn = {
      id: randomUUID(), question: question.trim(), text: '', provider: '', providerLabel: '', cached: false, complete: false, pending: true,
      sources: [], citations: [], warnings: [], sourceFeedback: {},
    };
    if (!turn.question) {
      await this.deps.view.post({ type: 'notice', message: 'The question is empty. Type what you want to find in the code.' });
      return { ...turn, pending: false, error: 'empty question' };
    }
    const abort = new AbortController();
    this.running.set(turn.id, abort);
    await this.publish(turn);
    try {
      await this.untilIndexed(turn, abort.signal);
      const settings = readAnswerSettings();
      const policy = remotePolicy(settings);
      const provider = await selectProvider(settings.provider, await answerCandidates(settings, this.deps.secrets), policy);
      turn.provider = provider.id;
      turn.providerLabel = provider.label;
      const store = await this.deps.index.openStore();
      try {
        const { answer, retrieval } = await askIndex({
          store, question: turn.question, provider, selection, policy,
          embedder: await this.deps.index.currentEmbedder().catch(() => null),
          readFile: fileReaderFor(this.deps.index.roots()),
          readBytes: byteReaderFor(this.deps.index.roots()),
          contextWindow: await contextWindowOf(provider, settings.contextWindow),
          cache: await this.answerCache(),
          signal: abort.signal,
          onRetrieved: (r) => {
            turn.sources = sourcesFromChunks(turn.question, r.chunks);
            void this.publish(turn);
          },
          onDelta: (text) => {
            turn.text += text; // kept when the answer is stopped or fails midway
            void this.deps.view.post({ type: 'delta', id: turn.id, text });
          },
        });
        Object.assign(turn, fromAnswer(answer, retrieval));
      } finally {
        await store.close();
      }
    } catch (err) {
      turn.error = err instanceof AskCodebaseError && err.code === 'cancelled' ? 'Stopped.' : err instanceof Error ? err.message : String(err);
      this.deps.index.offerRebuildIfDamaged(err);
      if (!(err instanceof AskCodebaseError)) this.deps.log.error(`answering failed: ${err instanceof Error ? err.stack : String(err)}`);
    } finally {
      this.running.delete(turn.id);
      turn.pending = false;
    }
    await this.deps.history.put(turn);
    await this.publish(turn);
    this.deps.cited.addTurn(turn);
    return turn;
  }

  /**
   * A question asked while the index is first being built waits for it, with one notice in its
   * place, and then runs: an answer from half an index would miss files and say so three times
   * over. Runs over a complete index (saves, adding vectors) do not hold questions.
   */
  private async untilIndexed(turn: Turn, signal: AbortSignal): Promise<void> {
    if (!this.deps.index.awaitingFirstIndex) return;
    const paused = this.deps.index.paused ? ' Indexing is paused: resume it to get the answer.' : '';
    turn.notice = `Indexing is running; this question will be answered as soon as it finishes.${paused}`;
    await this.publish(turn);
    await new Promise<void>((resolve, reject) => {
      const stopped = () => reject(new AskCodebaseError('cancelled', 'Stopped.'));
      if (signal.aborted) return stopped();
      signal.addEventListener('abort', stopped, { once: true });
      void this.deps.index.settled().then(() => {
        signal.removeEventListener('abort', stopped);
        resolve();
      });
    });
    turn.notice = undefined;
    await this.publish(turn);
  }

  /** New examples (the index changed): shown at once when the conversation is empty and idle. */
  async examplesChanged(): Promise<void> {
    if (this.running.size === 0 && this.deps.history.all().length === 0) await this.showHistory();
  }

  stop(id: string): void {
    this.running.get(id)?.abort(new Error('stopped by the user'));
  }

  async newChat(): Promise<void> {
    for (const a of this.running.values()) a.abort(new Error('new chat'));
    await this.deps.history.clear();
    this.deps.cited.clear();
    await this.showHistory();
  }

  async copy(id: string): Promise<void> {
    const turn = this.deps.history.get(id);
    if (!turn) return;
    const sources = turn.sources.map((s) => `[${s.index}] ${s.path}:${s.startLine}-${s.endLine}${s.status === 'valid' ? '' : ` (${s.status})`}`);
    await vscode.env.clipboard.writeText(`${turn.text.trim()}\n\n${sources.join('\n')}\n`);
    void vscode.window.setStatusBarMessage('Ask Codebase: answer copied', 2000);
  }

  async feedback(id: string, useful: boolean, sourceIndex?: number): Promise<void> {
    const turn = this.deps.history.get(id);
    if (!turn || turn.pending) return;
    if (sourceIndex === undefined) turn.useful = useful;
    else if (turn.sources.some((s) => s.index === sourceIndex)) turn.sourceFeedback[sourceIndex] = useful;
    else return;
    await this.deps.history.put(turn);
    await this.deps.relevance.record(turn);
    await this.publish(turn);
  }

  dispose(): void {
    for (const a of this.running.values()) a.abort(new Error('closing'));
  }

  private publish(turn: Turn): Thenable<boolean> {
    return this.deps.view.post({ type: 'turn', turn: structuredClone(turn) });
  }

  private answerCache(): Promise<AnswerCache | undefined> {
    this.cache ??= AnswerCache.open({ dir: this.deps.answerCacheDir }).catch((err: Error) => {
      this.deps.log.warn(`answer cache unavailable: ${err.message}`);
      return undefined;
    });
    return this.cache;
  }
}

async function contextWindowOf(provider: AnswerProvider, configured: number): Promise<number> {
  if (provider instanceof VsCodeLmProvider) return (await provider.contextWindow()) ?? configured;
  return configured;
}
