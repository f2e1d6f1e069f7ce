// `@codebase` in VS Code's own Chat view: our retrieval and checked citations, answered by the
// model the user picked there (`request.model`), citations rendered as anchors and references.
import * as vscode from 'vscode';
import { askIndex, ExtractiveProvider, isProviderAllowed, type AnswerProvider, type CheckedCitation } from '../core/answer/index.js';
import { AskCodebaseError } from '../core/types.js';
import { byteReaderFor, fileReaderFor, resolveStorePath } from '../core/workspacePaths.js';
import { readAnswerSettings, remotePolicy } from './answerSettings.js';
import { VsCodeLmProvider } from './lmProvider.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export const PARTICIPANT_ID = 'askCodebase.codebase';

export interface CodebaseChatMetadata {
  question: string;
  provider: string;
  citations: Pick<CheckedCitation, 'marker' | 'path' | 'startLine' | 'endLine' | 'status'>[];
  /** Symbols of the sources, best first: the follow-ups ask about them. */
  symbols: string[];
}

const STATUS_MARK: Record<CheckedCitation['status'], string> = { valid: '✓', stale: '~ stale', invalid: '✗ not a retrieved source' };

export function createCodebaseHandler(index: WorkspaceIndex): vscode.ChatRequestHandler {
  return async (request, _context, stream, token): Promise<vscode.ChatResult> => {
    const question = request.prompt.trim();
    if (!question) {
      stream.markdown('Ask about the code in this workspace, e.g. *where are retries scheduled?* Every claim is cited as `path:start-end` and checked.');
      return {};
    }
    const policy = remotePolicy(readAnswerSettings());
    const picked = new VsCodeLmProvider(request.model.id, request.model);
    // Code leaves this machine only as the settings allow; otherwise the sources answer.
    const provider: AnswerProvider = isProviderAllowed(picked, policy) ? picked : new ExtractiveProvider();
    if (provider !== picked) {
      stream.markdown(`*${request.model.name} was not sent any code: ${vscode.workspace.isTrusted ? 'allow models off this machine with `askCodebase.answer.allowRemote`' : 'this workspace is not trusted'}. Answering from the sources.*\n\n`);
    }
    stream.progress('Searching the codebase index…');
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const roots = index.roots();
    try {
      const store = await index.openStore();
      try {
        const { answer, retrieval } = await askIndex({
          store, question, provider, policy,
          embedder: await index.currentEmbedder().catch(() => null),
          readFile: fileReaderFor(roots),
          readBytes: byteReaderFor(roots),
          contextWindow: request.model.maxInputTokens,
          signal: abort.signal,
          onDelta: (text) => stream.markdown(text),
        });
        const where = (p: string, start: number, end: number) => {
          const abs = resolveStorePath(roots, p);
          return abs ? new vscode.Location(vscode.Uri.file(abs), new vscode.Range(start - 1, 0, end - 1, 0)) : undefined;
        };
        for (const s of answer.sources) {
          const loc = where(s.path, s.startLine, s.endLine);
          if (loc) stream.reference(loc);
        }
        const cited = uniqueCitations(answer.citations);
        if (cited.length > 0) {
          stream.markdown('\n\n**Citations**');
          for (const c of cited) {
            stream.markdown(`\n- ${STATUS_MARK[c.status]} `);
            // An invalid citation names no retrieved source: it is shown as written, not linked.
            const loc = c.status !== 'invalid' && c.startLine >= 1 ? where(c.path, c.startLine, c.endLine) : undefined;
            if (loc) stream.anchor(loc, `${c.path}:${c.startLine}-${c.endLine}`);
            else stream.markdown(`\`${c.path ? `${c.path}:${c.startLine}-${c.endLine}` : c.marker}\``);
          }
        }
        for (const w of answer.warnings) stream.markdown(`\n\n> ${w}`);
        const metadata: CodebaseChatMetadata = {
          question, provider: answer.provider,
          citations: cited.map(({ marker, path, startLine, endLine, status }) => ({ marker, path, startLine, endLine, status })),
          symbols: [...new Set(retrieval.chunks.filter((c) => c.contentKind === 'code').map((c) => c.symbol).filter(Boolean))].slice(0, 3),
        };
        return { metadata };
      } finally {
        await store.close();
      }
    } catch (err) {
      const message = err instanceof AskCodebaseError || err instanceof Error ? err.message : String(err);
      if (!(err instanceof AskCodebaseError && err.code === 'cancelled')) stream.markdown(`Could not answer: ${message}`);
      return { errorDetails: { message } };
    } finally {
      sub.dispose();
    }
  };
}

/** Follow-up questions about the symbols the answer's sources hold. */
export function codebaseFollowups(result: vscode.ChatResult): vscode.ChatFollowup[] {
  const meta = result.metadata as CodebaseChatMetadata | undefined;
  if (!meta?.symbols?.length) return [];
  const [first, second] = meta.symbols;
  const ups: vscode.ChatFollowup[] = [{ prompt: `Where is ${first} called?`, label: `Where is ${first} called?` }, { prompt: `Which tests cover ${first}?`, label: `Which tests cover ${first}?` }];
  if (second) ups.push({ prompt: `How do ${first} and ${second} work together?`, label: `How do ${first} and ${second} work together?` });
  return ups;
}

function uniqueCitations(citations: readonly CheckedCitation[]): CheckedCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.path}:${c.startLine}-${c.endLine}:${c.status}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** One `@codebase` request as the Chat view sent it, and what the handler returned (for tests). */
export interface CodebaseChatRecord {
  prompt: string;
  model: string;
  result: vscode.ChatResult;
}

export function registerCodebaseParticipant(index: WorkspaceIndex, extensionUri: vscode.Uri, onAnswered?: (record: CodebaseChatRecord) => void): vscode.Disposable {
  const handler = createCodebaseHandler(index);
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, async (request, context, stream, token) => {
    const result = (await handler(request, context, stream, token)) ?? {};
    onAnswered?.({ prompt: request.prompt, model: request.model.id, result });
    return result;
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  participant.followupProvider = { provideFollowups: (result) => codebaseFollowups(result) };
  return participant;
}
