// Retrieved chunks and checked answer sources as the panel shows them: which lines hold the
// question's words, and why each was retrieved, in plain words.
import { highlightTerms, matchedLines, matchedWords, termsIn, termWeights } from '../core/answer/matchedLines.js';
import type { AnswerResult } from '../core/answer/types.js';
import type { RetrievalResult, RetrievedChunk } from '../core/retrieve/types.js';
import type { CitationItem, SourceItem, Turn } from '../shared/chatProtocol.js';

/** Lines highlighted per source in the hover preview and the editor; more is the whole chunk again. */
const HIGHLIGHTED_LINES = 6;

const SIGNAL_WORDS: Record<string, string> = { keyword: 'by its words', prose: 'by its comments and docs', vector: 'by meaning', symbol: 'by name', path: 'by file path', rerank: 'by the reranker' };

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** "matched `height`, `parse` in the code; ranked 5th by its words, 2nd by meaning". */
export function whyInWords(signals: RetrievedChunk['signals'], matched: string[], kind: RetrievedChunk['contentKind'] = 'code'): string {
  const ranks = Object.entries(signals)
    .filter(([, e]) => e !== undefined)
    .sort((a, b) => a[1]!.rank - b[1]!.rank)
    .slice(0, 2)
    .map(([name, e]) => `${ordinal(e!.rank)} ${SIGNAL_WORDS[name] ?? `by ${name}`}`);
  const where = kind === 'code' ? 'the code' : `this ${kind} file`;
  const words = matched.length ? `matched ${matched.slice(0, 4).map((t) => `\`${t}\``).join(', ')} in ${where}` : `no question word in ${where}: found by meaning`;
  return ranks.length ? `${words}; ranked ${ranks.join(', ')}` : words;
}

interface Described {
  path: string;
  symbol: string;
  text: string;
  startLine: number;
  signals: RetrievedChunk['signals'];
}

/**
 * Why each source was found and its lines to highlight, the question's rarer words weighing more
 * (as in the extractive answer, so the preview and the answer point at the same lines).
 */
function describeAll<T extends Described>(question: string, sources: readonly T[], kind: (s: T) => RetrievedChunk['contentKind'] | undefined) {
  const terms = highlightTerms(question);
  const weights = termWeights(terms, sources.map((s) => s.text));
  return sources.map((c) => ({
    why: whyInWords(c.signals, termsIn(terms, c.path, c.symbol, c.text), kind(c)),
    matchedLines: matchedLines(c.text, c.startLine, terms, { max: HIGHLIGHTED_LINES, weights }).map((m) => m.line),
  }));
}

export function sourcesFromChunks(question: string, chunks: readonly RetrievedChunk[]): SourceItem[] {
  const described = describeAll(question, chunks, (c) => c.contentKind);
  return chunks.map((c, i) => ({ index: i + 1, path: c.path, startLine: c.startLine, endLine: c.endLine, symbol: c.symbol, language: c.language, text: c.text, status: 'valid', ...described[i] }));
}

export function fromAnswer(answer: AnswerResult, retrieval: RetrievalResult): Partial<Turn> {
  const chunk = (path: string) => retrieval.chunks.find((c) => c.path === path);
  const described = describeAll(answer.question, answer.sources, (s) => chunk(s.path)?.contentKind);
  const sources: SourceItem[] = answer.sources.map((s, i) => ({
    index: s.index, path: s.path, startLine: s.startLine, endLine: s.endLine, symbol: s.symbol, language: chunk(s.path)?.language ?? '',
    text: s.text, status: s.status, reason: s.reason, ...described[i],
  }));
  const citations: CitationItem[] = answer.citations.map((c) => ({ marker: c.marker, sourceIndex: c.sourceIndex, path: c.path, startLine: c.startLine, endLine: c.endLine, status: c.status, reason: c.reason }));
  const terms = highlightTerms(answer.question);
  const marks = answer.provider === 'extractive' ? matchedWords(answer.sources.map((s) => s.text).join('\n'), terms) : [];
  return { text: answer.text, cached: answer.cached, complete: answer.complete, sources, citations, warnings: answer.warnings, promptTokens: answer.promptTokens, marks };
}
