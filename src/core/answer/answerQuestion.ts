// The answering pipeline: policy → cache → compose → stream → check citations → result.
import { AskCodebaseError } from '../types.js';
import type { RetrievalResult } from '../retrieve/types.js';
import { hashText } from '../textHash.js';
import type { AnswerCache, AnswerCacheKey } from './answerCache.js';
import { CitationChecker, type CheckableSource } from './checkCitations.js';
import { composePrompt, DEFAULT_MAX_ANSWER_TOKENS, type EditorSelection } from './composePrompt.js';
import { CitationScanner, parseCitations } from './parseCitations.js';
import { cancelledError } from './providerErrors.js';
import { DEFAULT_IDLE_TIMEOUT_MS, withIdleTimeout } from './idleTimeout.js';
import { assertProviderAllowed, LOCAL_ONLY_POLICY } from './remotePolicy.js';
import type { AnswerProvider, AnswerResult, AnswerSource, CheckedCitation, ComposedPrompt, ReadFile, RemotePolicy } from './types.js';

export interface AnswerQuestionOptions {
  question: string;
  retrieval: RetrievalResult;
  provider: AnswerProvider;
  readFile: ReadFile;
  signal?: AbortSignal;
  /** Each piece of answer text as it arrives. */
  onDelta?: (text: string) => void;
  /** Each citation, checked, as soon as it is complete in the stream. */
  onCitation?: (citation: CheckedCitation) => void;
  selection?: EditorSelection;
  contextWindow?: number;
  maxTokens?: number;
  /** Defaults to local-only: a caller that forgets the policy never sends code away. */
  policy?: RemotePolicy;
  cache?: AnswerCache;
  /** Identifies the index state; answers are cached only when it is given. */
  indexVersion?: string;
  /** Longest silence allowed between streamed pieces (default 60 s). */
  idleTimeoutMs?: number;
}

/**
 * Longest answer kept: ~50k tokens, far past any max_tokens asked for, so only a server that
 * ignores the limit reaches it (a 5 MB answer would otherwise be held, checked and rendered).
 */
export const MAX_ANSWER_CHARS = 200_000;

export async function answerQuestion(options: AnswerQuestionOptions): Promise<AnswerResult> {
  const { provider, retrieval, signal } = options;
  assertProviderAllowed(provider, options.policy ?? LOCAL_ONLY_POLICY);
  if (signal?.aborted) throw cancelledError(signal.reason);

  const cacheKey = cacheKeyFor(options);
  const cached = cacheKey && options.cache?.get(cacheKey);
  if (cached) return replayCached(cached, options);

  const maxTokens = options.maxTokens ?? DEFAULT_MAX_ANSWER_TOKENS;
  const prompt = composePrompt({
    question: options.question,
    chunks: retrieval.chunks,
    selection: options.selection,
    contextWindow: options.contextWindow,
    maxAnswerTokens: maxTokens,
    redact: !provider.isLocal,
  });
  const checker = new CitationChecker(checkableSources(prompt, options), options.readFile);
  const scanner = new CitationScanner();
  const earlyChecks: Promise<unknown>[] = [];
  const announce = (found: ReturnType<CitationScanner['push']>) => {
    if (!options.onCitation) return;
    for (const c of found) earlyChecks.push(checker.check(c).then(options.onCitation));
  };

  let text = '';
  let complete = true;
  const warnings = [...retrieval.warnings, ...prompt.warnings];
  if (prompt.redactedSecrets > 0) {
    warnings.push(`${prompt.redactedSecrets} secret${prompt.redactedSecrets === 1 ? ' was' : 's were'} replaced by [REDACTED] before sending to ${provider.label}.`);
  }
  // Our own abort (a stall, an answer past the cap) stops the request without cancelling the answer.
  const stop = new AbortController();
  const streamSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const stream = withIdleTimeout(
    provider.stream(prompt.messages, { signal: streamSignal, maxTokens, prompt }),
    options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    provider.label,
    () => stop.abort(),
  );
  try {
    for await (let delta of stream) {
      if (signal?.aborted) throw cancelledError(signal.reason);
      const room = MAX_ANSWER_CHARS - text.length;
      if (delta.length > room) delta = delta.slice(0, room);
      text += delta;
      options.onDelta?.(delta);
      announce(scanner.push(delta));
      if (text.length >= MAX_ANSWER_CHARS) {
        stop.abort();
        complete = false;
        warnings.push(`The answer was cut at ${MAX_ANSWER_CHARS} characters: ${provider.label} kept sending past any sensible length.`);
        break;
      }
    }
  } catch (err) {
    const error = err instanceof AskCodebaseError ? err : new AskCodebaseError('provider-error', `${provider.label} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    // A cancelled or failed-before-any-text answer has nothing to show; otherwise keep what arrived.
    if (error.code === 'cancelled' || signal?.aborted || !text) throw error;
    complete = false;
    warnings.push(`The answer is incomplete: ${error.message}`);
  }
  announce(scanner.finish());
  await Promise.all(earlyChecks);

  const result = await checkedResult(prompt.question, text, provider, prompt.sources, prompt.promptTokens, checker, warnings, complete);
  if (cacheKey && options.cache && complete) await options.cache.set(cacheKey, result);
  return result;
}

async function checkedResult(
  question: string,
  text: string,
  provider: Pick<AnswerProvider, 'id' | 'model'>,
  promptSources: ReadonlyArray<Omit<AnswerSource, 'status' | 'reason' | 'movedTo'>>,
  promptTokens: number,
  checker: CitationChecker,
  warnings: string[],
  complete: boolean,
): Promise<AnswerResult> {
  const citations = await checker.checkAll(parseCitations(text));
  const sources: AnswerSource[] = await Promise.all(
    promptSources.map(async (s) => {
      const { index, path, startLine, endLine, symbol, text, contentHash, signals } = s;
      return { index, path, startLine, endLine, symbol, text, contentHash, signals, ...(await checker.checkIndex(index)) };
    }),
  );
  const bad = citations.filter((c) => c.status !== 'valid');
  const invalid = bad.filter((c) => c.status === 'invalid').length;
  const stale = bad.length - invalid;
  if (invalid) warnings.push(`${invalid} citation${invalid === 1 ? ' does' : 's do'} not match any retrieved source.`);
  if (stale) warnings.push(`${stale} citation${stale === 1 ? ' points' : 's point'} at code that changed since indexing.`);
  return {
    question,
    text,
    provider: provider.id,
    model: provider.model,
    cached: false,
    complete,
    citations,
    sources,
    promptTokens,
    warnings: [...new Set(warnings)],
  };
}

/** A cached answer is re-checked against today's files: the code may have moved since. */
async function replayCached(cached: AnswerResult, options: AnswerQuestionOptions): Promise<AnswerResult> {
  options.onDelta?.(cached.text);
  const checker = new CitationChecker(cached.sources, options.readFile);
  // Citation warnings are recomputed below from today's files.
  const warnings = cached.warnings.filter((w) => !/^\d+ citations? (does|do|points|point) /.test(w));
  const provider = { id: cached.provider, model: cached.model };
  const result = await checkedResult(cached.question, cached.text, provider, cached.sources, cached.promptTokens, checker, warnings, cached.complete);
  for (const c of result.citations) options.onCitation?.(c);
  return { ...result, cached: true };
}

function cacheKeyFor(options: AnswerQuestionOptions): AnswerCacheKey | undefined {
  if (!options.cache || !options.indexVersion) return undefined;
  const s = options.selection;
  return {
    question: options.question,
    indexVersion: options.indexVersion,
    provider: options.provider.id,
    model: options.provider.model,
    context: s ? hashText(`${s.path}:${s.startLine}-${s.endLine}\n${s.text}`) : undefined,
  };
}

/** Pairs each prompt source with its unredacted text (hash and relocation need the real lines). */
function checkableSources(prompt: ComposedPrompt, options: AnswerQuestionOptions): CheckableSource[] {
  return prompt.sources.map((s) => {
    const raw = s.fromSelection
      ? options.selection?.text ?? s.text
      : options.retrieval.chunks.find((c) => c.path === s.path && c.startLine === s.startLine)?.text ?? s.text;
    const text = raw.split('\n').slice(0, s.endLine - s.startLine + 1).join('\n');
    return { index: s.index, path: s.path, startLine: s.startLine, endLine: s.endLine, contentHash: s.contentHash, text };
  });
}
