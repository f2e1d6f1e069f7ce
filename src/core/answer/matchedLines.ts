// Which lines of a source hold the question's words: what the chat highlights in an answer, a
// hover preview and the editor, instead of the whole retrieved range.
import { identifierWords, questionTerms } from './questionTerms.js';

/** Words every program is full of: "returns" in a question should not light up every `return`. */
const CODE_KEYWORDS = new Set(
  'return func function def class self this none null nil true false const let var new type string int bool void async await import export public private static'.split(' ').map((w) => wordStem(w)),
);

/** The question words worth highlighting in code: its terms without the language's own keywords. */
export function highlightTerms(question: string): string[] {
  return questionTerms(question).filter((t) => !CODE_KEYWORDS.has(wordStem(t)));
}

export interface LineMatch {
  /** 1-based line number in the file. */
  line: number;
  /** The question terms found on that line, in question order. */
  terms: string[];
}

/**
 * The lines of `text` (starting at file line `startLine`) with the most question terms, at most
 * `max`, in file order. A term counts once per line, weighted by `weights` (default 1: pass
 * rarer-is-heavier weights so a line naming the question's rare word beats one with two common
 * ones); longer terms break ties, since `refillPerSecond` says more than `per`.
 */
export interface MatchOptions {
  max?: number;
  weights?: ReadonlyMap<string, number>;
  /** Lines (1-based file numbers) not to pick, e.g. ones the reader sees already. */
  skip?: (line: number) => boolean;
}

export function matchedLines(text: string, startLine: number, terms: readonly string[], { max = 3, weights, skip }: MatchOptions = {}): LineMatch[] {
  if (terms.length === 0) return [];
  const scored: Array<LineMatch & { score: number }> = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim() || skip?.(startLine + i)) continue;
    const found = termsIn(terms, line);
    if (found.length === 0) continue;
    scored.push({ line: startLine + i, terms: found, score: found.reduce((n, t) => n + (weights?.get(t) ?? 1) * 100 + t.length, 0) });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.line - b.line)
    .slice(0, max)
    .sort((a, b) => a.line - b.line)
    .map(({ line, terms: t }) => ({ line, terms: t }));
}

/** The question terms that occur in `texts` as words or word parts, also as another form of the word ("parsing" finds `parse`). */
export function termsIn(terms: readonly string[], ...texts: string[]): string[] {
  const stems = new Set([...identifierWords(texts.join(' '))].map(wordStem));
  return terms.filter((t) => stems.has(wordStem(t)));
}

/** Per term, log(1 + n / (1 + texts holding it)): a word every source holds says little about where to look. */
export function termWeights(terms: readonly string[], texts: readonly string[]): Map<string, number> {
  const holding = texts.map((t) => new Set(termsIn(terms, t)));
  return new Map(terms.map((t) => [t, Math.log(1 + texts.length / (1 + holding.filter((h) => h.has(t)).length))]));
}

/** A crude English stem (drops -ing, -ed, -es, -s, -ly, -ion endings) so word forms meet; not for ranking. */
export function wordStem(word: string): string {
  const w = word.toLowerCase();
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ers', 'er', 'ied', 'ies', 'ed', 'es', 'ly', 's', 'e']) {
    if (suffix === 's' && w.endsWith('ss')) continue;
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return suffix === 'ied' || suffix === 'ies' ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
  }
  return w;
}

/** The words of `text` as written (`widths`, `Width`) whose parts meet a term: what the chat marks in quoted code. */
export function matchedWords(text: string, terms: readonly string[]): string[] {
  const stems = new Set(terms.map(wordStem));
  const out = new Set<string>();
  for (const token of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    for (const part of token.split(/_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      if (part.length >= 3 && stems.has(wordStem(part))) out.add(part);
    }
  }
  return [...out];
}
