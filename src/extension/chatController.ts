// Runs the conversation: a question from the panel or the command → retrieval → streamed answer →
// checked citations, with stop, copy, new chat, history and 👍/👎.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AnswerCache, askIndex, selectProvider, type AnswerProvider, type AnswerResult, type EditorSelection } from '../core/answer/index.js';
import type { RetrievalResult, RetrievedChunk } from '../core/retrieve/types.js';
import { AskCodebaseError } from '../core/types.js';
import { byteReaderFor, fileReaderFor } from '../core/workspacePaths.js';
import { answerCandidates, readAnswerSettings, remotePolicy } from './answerSettings.js';
import type { ChatHistory } from './chatHistory.js';
import type { ChatViewProvider } from './chatView.js';
import type { CitedRanges } from './citedRanges.js';
import { VsCodeLmProvider } from './lmProvider.js';
import type { CitationItem, SourceItem, Turn } from '../shared/chatProtocol.js';
import type { RelevanceLog } from './relevanceLog.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export const EXAMPLE_QUESTIONS = [
  'Where is the configuration loaded?',
  'How are errors reported to the user?',
  'What happens when a request is retried?',
];

export interface ChatDeps {
  view: ChatViewProvider;
  index: WorkspaceIndex;
  history: ChatHistory;
  relevance: RelevanceLog;
  cited: CitedRanges;
  secrets: vscode.SecretStorage;
  answerCacheDir: string;
  log: vscode.LogOutputChannel;
}

export class ChatController {
  private readonly running = new Map<string, AbortController>();
  private cache: Promise<AnswerCache | undefined> | undefined;

  constructor(private readonly deps: ChatDeps) {}

  /** Sends the saved conversation (on panel load and after a new chat). */
  async showHistory(): Promise<void> {
    await this.deps.view.post({ type: 'history', turns: this.deps.history.all(), examples: EXAMPLE_QUESTIONS });
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
            turn.sources = r.chunks.map((c, i) => sourceFromChunk(c, i + 1));
            void this.publish(turn);
          },
          onDelta: (text) => {
            turn.text += text; // kept when the answer is stopped or fails midway
            void this.deps.view.post({ type: 'delta', id: turn.id, text });
          },
        });
        Object.assign(turn, fromAnswer(answer, retrieval));
        if (this.deps.index.building) turn.warnings.unshift('Indexing is still running: files not reached yet are missing from these sources.');
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

export function describeSignals(signals: RetrievedChunk['signals'], kind: RetrievedChunk['contentKind'] = 'code'): string {
  const why = Object.entries(signals)
    .map(([name, e]) => `${name} #${e!.rank}${e!.score !== undefined ? ` (${e!.score.toFixed(2)})` : ''}`)
    .join(', ');
  // Code is the default; a docs, data or test source says so, since it ranks in its own lane.
  return kind === 'code' || !why ? why : `${why}; a ${kind} file`;
}

function sourceFromChunk(c: RetrievedChunk, index: number): SourceItem {
  return { index, path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, language: c.language, text: c.text, status: 'valid', why: describeSignals(c.signals, c.contentKind) };
}

function fromAnswer(answer: AnswerResult, retrieval: RetrievalResult): Partial<Turn> {
  const language = (path: string) => retrieval.chunks.find((c) => c.path === path)?.language ?? '';
  const kind = (path: string) => retrieval.chunks.find((c) => c.path === path)?.contentKind;
  const sources: SourceItem[] = answer.sources.map((s) => ({
    index: s.index, path: s.path, startLine: s.startLine, endLine: s.endLine, symbol: s.symbol, language: language(s.path),
    text: s.text, status: s.status, reason: s.reason, why: describeSignals(s.signals, kind(s.path)),
  }));
  const citations: CitationItem[] = answer.citations.map((c) => ({ marker: c.marker, sourceIndex: c.sourceIndex, path: c.path, startLine: c.startLine, endLine: c.endLine, status: c.status, reason: c.reason }));
  return { text: answer.text, cached: answer.cached, complete: answer.complete, sources, citations, warnings: answer.warnings, promptTokens: answer.promptTokens };
}
