// Reads a question the way a developer would skim it: identifiers, paths, quoted text and error
// lines become their own sub-queries, and a wall of text is cut down to its distinctive terms.
import { AskCodebaseError } from '../types.js';

export interface QueryAnalysis {
  /** The question, whitespace-normalised and capped in length. */
  text: string;
  /** Distinctive terms for keyword search, most informative first, capped. */
  terms: string[];
  /** Code identifiers named in the question (camelCase, snake_case, backticked...). */
  identifiers: string[];
  /** File names or paths named in the question. */
  paths: string[];
  /** Quoted strings and error-message lines, searched as exact phrases. */
  phrases: string[];
  /**
   * Tokens a code question means whole, in the index's own form: flags (`--height` → `height`),
   * key chords (`ctrl-r` → `ctrlr`), scoped and dotted names, error codes. Never cut into stop
   * words or single letters; searched with extra weight on the exact-identifier field.
   */
  exact: string[];
  /** True when the question is about tests, so test files are not demoted. */
  aboutTests: boolean;
  /** True when the question is about documentation, configuration or usage: that lane comes first. */
  aboutDocs: boolean;
  /** True when the input was cut down (very long questions). */
  truncated: boolean;
}

/** Beyond this, a question is an issue body or a log: embedding it whole dilutes the signal. */
const MAX_QUERY_CHARS = 4_000;
/** LanceDB FTS latency grows with query terms; 64 kept the p95 under 40 ms at 50k rows. */
const MAX_TERMS = 64;
const MAX_INPUT_CHARS = 200_000;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can could did do does doing done for from had has have how i if in into is it its ' +
    'me my no not of on or our so than that the their them then there these they this those to too was we were what when ' +
    'where which while who why will with would you your fix fixes fixed add adds added use uses used make makes should ' +
    'also just only some any all more most other such via per after before about get gets set sets new now one two like ' +
    'code file files function method work works working please want need see does doesnt dont isnt wont cant')
    .split(/\s+/),
);

/** Documentation, configuration and usage questions ("how do I configure…", "what do the docs say…", `README.md`). */
const DOCS_WORDS =
  /\b(docs?|documentation|documented|readme|changelog|release notes|guide|tutorial|manual|man ?page|faq)\b|\bhow (do|can|should|would) (i|we|you|one) (configure|set ?up|install|enable|disable|use|customi[sz]e|change the setting)\b|\b(config(uration)?|settings?) (file|option)s?\b|\b(installation|usage instructions?)\b|[\w-]+\.(md|mdx|rst|adoc|txt|ya?ml|toml|ini|cfg|conf)\b/i;
/** `--height`, `-k`; `ctrl-r`, `C-x`, `alt-enter`, `ctrl+shift+p`; `std::mem::take`; `E501`, `ENOENT`, `TS2345`. */
const FLAG = /(?<![\w-])--?[A-Za-z][\w-]*/g;
const CHORD = /\b(?:ctrl|control|alt|shift|meta|cmd|command|super|option)[-+](?:(?:ctrl|control|alt|shift|meta|cmd)[-+])*[A-Za-z0-9]+\b/gi;
/** Emacs-style chords are upper-case single letters (`C-x`, `M-x`): lower-case `a-z` is prose. */
const EMACS_CHORD = /\b[CMS]-[A-Za-z0-9]+\b/g;
const SCOPED = /\b[A-Za-z_]\w*(?:::[A-Za-z_]\w*)+/g;
const ERROR_CODE = /\b(?:[A-Z]{1,4}\d{2,5}|E[A-Z]{3,}[A-Z]*|0x[0-9a-fA-F]{4,})\b/g;
const TEST_WORDS = /\b(tests?|testing|specs?|unit[- ]?tests?|fixtures?|mocks?|e2e|jest|vitest|pytest|mocha)\b/i;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/g;
const PATH_LIKE = /(?:[\w.-]+\/)*[\w-]+\.[A-Za-z][A-Za-z0-9]{0,5}\b|(?:[\w.-]+\/)+[\w.-]+/g;
const QUOTED = /"([^"\n]{3,200})"|'([^'\n]{3,200})'|`([^`\n]{2,200})`/g;
const ERROR_LINE = /^.*\b(?:error|exception|panic|traceback|failed|cannot|undefined is not|TypeError|ReferenceError)\b.*$/gim;

function looksLikeIdentifier(word: string): boolean {
  return /[a-z][A-Z]|[A-Z]{2,}[a-z]|_|\$|[a-zA-Z]\d/.test(word) || word.includes('.');
}

export function analyzeQuery(input: string): QueryAnalysis {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new AskCodebaseError('empty-query', 'The question is empty. Type what you want to find in the code.');
  }
  const truncated = input.length > MAX_QUERY_CHARS;
  const raw = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;

  const identifiers = unique(
    [...raw.matchAll(IDENTIFIER)].map((m) => m[0]).filter((w) => looksLikeIdentifier(w) && !/^\d/.test(w) && w.length <= 80),
  ).slice(0, MAX_TERMS);
  const paths = unique([...raw.matchAll(PATH_LIKE)].map((m) => m[0]).filter((p) => p.length <= 200 && !/^\d+\.\d+/.test(p))).slice(0, 16);
  const quoted = [...raw.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? m[3]).trim());
  const errors = [...raw.matchAll(ERROR_LINE)].map((m) => m[0].trim()).filter((l) => l.length <= 300);
  const phrases = unique([...quoted, ...errors]).slice(0, 8);
  // `std::mem::take` names `take`: an exact token and a symbol to look up.
  const scoped = [...raw.matchAll(SCOPED)].map((m) => m[0].split('::').pop()!);
  const flags = [...raw.matchAll(FLAG)].map((m) => m[0].replace(/^-+/, '').replace(/-/g, '').toLowerCase());
  const exact = unique([
    ...flags,
    ...[...raw.matchAll(CHORD), ...raw.matchAll(EMACS_CHORD)].flatMap((m) => chordForms(m[0])),
    ...scoped,
    ...[...raw.matchAll(ERROR_CODE)].map((m) => m[0]),
  ].map((t) => t.replace(/[-+:_$]/g, '').toLowerCase()).filter((t) => (t.length >= 2 || flags.includes(t)) && !/^\d+$/.test(t))).slice(0, 16);
  identifiers.push(...scoped);

  const words = (raw.toLowerCase().match(/[\p{L}\p{N}_$]+/gu) ?? []).filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  // Identifiers first (most distinctive), then words by first appearance; repeated words rank earlier.
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ordered = unique([...exact, ...identifiers.map((i) => i.toLowerCase()), ...[...counts.keys()]]);
  const terms = ordered.slice(0, MAX_TERMS);

  const text = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
  return { text, terms, identifiers: unique(identifiers), exact, paths, phrases, aboutTests: TEST_WORDS.test(raw), aboutDocs: DOCS_WORDS.test(raw), truncated };
}

/** A chord as code spells it: `ctrl-r` is also bash's `\C-r` (`cr`), `alt-x` also `\M-x` (`mx`). */
function chordForms(chord: string): string[] {
  const m = /^(ctrl|control|alt|meta)[-+]([A-Za-z0-9])$/i.exec(chord);
  if (!m) return [chord];
  return [chord, `${/^(ctrl|control)$/i.test(m[1]) ? 'c' : 'm'}${m[2]}`];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
