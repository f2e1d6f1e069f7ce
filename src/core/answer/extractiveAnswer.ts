// The answer written without a model: a lead sentence naming the best places, then per source one
// citation, the whole signature, the doc sentence and the few lines that hold the question's words.
import { declarationAt, docSentence, signatureLines } from './codeSummary.js';
import { highlightTerms, matchedLines, termsIn, termWeights } from './matchedLines.js';
import type { PromptSource } from './types.js';

/** Sources shown in full; a developer reads three places, the rest are named in one line. */
const FULL_ENTRIES = 3;
/** Sources named at all; more is a search result list, not an answer. */
const MAX_ENTRIES = 6;
/** Matched lines quoted per source. */
const QUOTED_LINES = 3;
const MAX_QUOTED_CHARS = 140;
/** Sources in these languages have no signature or doc comment to read; only matched lines. */
const PROSE_LANGUAGES = new Set(['markdown', 'text', 'plaintext', 'restructuredtext', 'rst', '']);
const COMMENT_OPENER = /^\s*(\/\/+|#+|\*|\/\*+|[rbu]?"""|''')?\s*/;
const COMMENT_CLOSER = /("""|'''|\*\/)\s*$/;

export const NO_SOURCES_TEXT =
  'No language model was used, and no sources were found for this question, so there is nothing to answer from. Try other words, or check that indexing has finished.';

/** The answer as markdown pieces (streamed one by one); `[n]` markers become citation chips. */
export function extractiveAnswer(question: string, promptSources: readonly PromptSource[]): string[] {
  const sources = promptSources.filter((s) => !s.fromSelection).slice(0, MAX_ENTRIES);
  if (sources.length === 0) return [NO_SOURCES_TEXT];
  const terms = highlightTerms(question);
  const weights = termWeights(terms, promptSources.map((s) => s.text));
  const shown = sources.map((s) => focused(s, terms, weights));
  const pieces = [`${leadSentence(shown)}\n`];
  for (const source of shown.slice(0, FULL_ENTRIES)) pieces.push(`\n${entry(source, terms, weights)}\n`);
  const rest = shown.slice(FULL_ENTRIES);
  if (rest.length) pieces.push(`\nAlso related: ${rest.map((s) => `${name(s)} [${s.index}]`).join(', ')}.\n`);
  return pieces;
}

/** "No language model was used. The best match is `prompt` in termui.py; also …". */
function leadSentence(sources: readonly PromptSource[]): string {
  const [best, ...others] = sources.slice(0, FULL_ENTRIES);
  const where = (s: PromptSource) => (!s.symbol ? '' : s.path === best.path ? ' in the same file' : ` in \`${baseName(s.path)}\``);
  const also = others.map((s) => `${name(s)}${where(s)}`);
  return (
    'No language model was used: here is the code that matches the question best. ' +
    `The closest match is ${name(best)}${best.symbol ? ` in \`${best.path}\`` : ` (\`${best.path}\`)`}${also.length ? `; see also ${joinWords(also)}` : ''}.`
  );
}

/** The source as the answer presents it: named for the declaration that holds its best-matched line. */
function focused(source: PromptSource, terms: string[], weights: ReadonlyMap<string, number>): PromptSource {
  const best = matchedLines(source.text, source.startLine, terms, { max: 1, weights })[0];
  if (!best || PROSE_LANGUAGES.has(source.language)) return source;
  return { ...source, symbol: declarationAt(source.text, source.symbol, best.line - source.startLine) };
}

function entry(source: PromptSource, terms: string[], weights: ReadonlyMap<string, number>): string {
  const out = [`**${name(source)}** [${source.index}]`];
  const prose = PROSE_LANGUAGES.has(source.language);
  const signature = prose ? { lines: [], offset: -1 } : signatureLines(source.text, source.symbol);
  if (signature.lines.length) out.push(fenced(source.language, signature.lines));
  const doc = prose ? '' : docSentence(source.text, source.symbol);
  if (doc) out.push(doc);
  const lines = source.text.split('\n');
  // The signature and the doc sentence are shown already; quoting them again says nothing new.
  const shown = (line: number) => {
    const row = line - source.startLine;
    if (row >= signature.offset && row < signature.offset + signature.lines.length) return true;
    const bare = lines[row].replace(COMMENT_OPENER, '').replace(COMMENT_CLOSER, '').trim();
    return doc.length > 0 && bare.length > 0 && doc.includes(bare.slice(0, 60));
  };
  const quoted = matchedLines(source.text, source.startLine, terms, { max: QUOTED_LINES, weights, skip: shown });
  const found = termsIn(terms, source.path, source.symbol, source.text);
  if (quoted.length) {
    const width = String(quoted[quoted.length - 1].line).length;
    const rows = quoted.map((m) => `${String(m.line).padStart(width)}  ${clipLine(lines[m.line - source.startLine].trim())}`);
    out.push(`Lines with ${wordList(termsOf(quoted))}:\n${fenced(source.language, rows)}`);
  } else {
    out.push(found.length ? `Matches ${wordList(found)} in its name or path.` : 'Matches no word of the question directly: found by meaning.');
  }
  return out.join('\n\n');
}

/** A code block whose fence is longer than any backtick run inside it, so quoted code cannot end it. */
function fenced(language: string, rows: string[]): string {
  const longest = Math.max(2, ...rows.map((r) => Math.max(0, ...(r.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${fenceLanguage(language)}\n${rows.join('\n')}\n${fence}`;
}

function clipLine(line: string): string {
  return line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS - 1)}…` : line;
}

/** At most four words, in code style; more would hide the sentence. */
function wordList(terms: string[]): string {
  const shown = terms.slice(0, 4).map((t) => `\`${t}\``);
  return terms.length > 4 ? `${shown.join(', ')} and ${terms.length - 4} more` : joinWords(shown);
}

function termsOf(matches: ReadonlyArray<{ terms: string[] }>): string[] {
  return [...new Set(matches.flatMap((m) => m.terms))];
}

function name(s: PromptSource): string {
  return s.symbol ? `\`${displaySymbol(s.symbol)}\`` : `lines ${s.startLine}–${s.endLine} of \`${baseName(s.path)}\``;
}

/** Symbols may carry their kind ("method printItem"); the name is what a reader looks for. */
export function displaySymbol(symbol: string): string {
  return symbol.replace(/^(method|function|class|interface|type|struct|enum|const|var|func)\s+/, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Fence info string the chat highlights (the index stores tree-sitter language names). */
function fenceLanguage(language: string): string {
  return /^[a-z0-9_+-]+$/i.test(language) ? language : '';
}
