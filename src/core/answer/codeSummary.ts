// Reads the signature (one line or all of a multi-line one) and the doc comment's first sentence
// out of a chunk of code.

const COMMENT_LINE = /^\s*(\/\/\/?|#|\*|\/\*\*?|\*\/|--|;;|"""|''')/;
const MAX_LINE_CHARS = 160;
const DECLARATION = /^\s*((export|default|public|private|protected|static|abstract|async|declare|readonly|override|pub)\s+)*(def|class|func|function\*?|interface|type|const|let|var|enum|struct|fn|impl|trait|module|namespace|get|set)\b/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The declaration line: the first code line naming the symbol, else the first code line. */
export function signatureLine(text: string, symbol: string): string {
  const lines = text.split('\n');
  const name = symbol.split(/[.#:\s]/).filter(Boolean).pop() ?? '';
  const code = lines.filter((l) => l.trim() && !COMMENT_LINE.test(l) && !/^\s*@/.test(l));
  const named = name ? code.filter((l) => new RegExp(`(^|[^\\w$])${escapeRegExp(name)}([^\\w$]|$)`).test(l)) : [];
  // A declaration line before any other line that merely mentions the name (a docstring, a call).
  const line = named.find((l) => DECLARATION.test(l)) ?? named.find((l) => new RegExp(`^\\s*${escapeRegExp(name)}\\s*[(<=:]`).test(l)) ?? named[0] ?? code[0] ?? '';
  return clip(line.trim());
}

/** A signature spread over several lines (Python, TypeScript) ends where its brackets close. */
const MAX_SIGNATURE_LINES = 12;

/**
 * The whole declaration: from the signature line until its brackets are balanced and the line
 * opens the body (`{`, `:`, `=>`) or ends the statement; at most MAX_SIGNATURE_LINES lines, the
 * common indentation removed. `offset` is the 0-based line of the first one within `text`.
 */
export function signatureLines(text: string, symbol: string): { lines: string[]; offset: number } {
  const first = signatureLine(text, symbol);
  if (!first) return { lines: [], offset: -1 };
  const all = text.split('\n');
  const bare = first.endsWith('…') ? first.slice(0, -1) : first;
  const offset = all.findIndex((l) => l.trim().startsWith(bare));
  if (offset < 0) return { lines: [first], offset: -1 };
  const out: string[] = [];
  let depth = 0;
  for (let i = offset; i < all.length && out.length < MAX_SIGNATURE_LINES; i++) {
    const line = all[i];
    out.push(line);
    depth += bracketDelta(line);
    const end = line.trimEnd();
    if (depth <= 0 && (/[{:;]$|=>$|\)$/.test(end) || depth < 0 || out.length === 1 && !/[(,[<]$/.test(end))) break;
  }
  const indent = Math.min(...out.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  const lines = out.map((l) => clip(l.slice(indent).trimEnd()));
  // Cut at the limit with the brackets still open: say so rather than show a signature that looks whole.
  if (depth > 0 && out.length === MAX_SIGNATURE_LINES) lines.push('…');
  return { lines, offset };
}

/** Opening minus closing brackets, outside string literals (roughly: quotes on one line). */
function bracketDelta(line: string): number {
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\s(#|\/\/).*$/, '');
  let d = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[') d++;
    else if (ch === ')' || ch === ']') d--;
  }
  return d;
}

/** First sentence of the doc comment before the declaration (JSDoc, //, #) or a Python docstring after it. */
export function docSentence(text: string, symbol: string): string {
  const lines = text.split('\n');
  const { lines: signature, offset: at } = signatureLines(text, symbol);
  const before: string[] = [];
  for (let i = (at < 0 ? 0 : at) - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (!l) break;
    if (/^@/.test(l) && !before.length) continue;
    if (!COMMENT_LINE.test(l)) break;
    before.unshift(l);
  }
  let doc = before.map(stripCommentMarks).join(' ');
  if (!doc.trim() && at >= 0) doc = pythonDocstring(lines.slice(at + signature.filter((l) => l !== '…').length));
  return firstSentence(doc);
}

function pythonDocstring(after: string[]): string {
  const start = after.findIndex((l) => l.trim());
  if (start < 0) return '';
  const head = after[start].trim();
  const open = /^[rbuRBU]?("""|''')/.exec(head);
  if (!open) return '';
  const quote = open[1];
  const body = [head.slice(open[0].length)];
  if (body[0].includes(quote)) return body[0].slice(0, body[0].indexOf(quote));
  for (const line of after.slice(start + 1)) {
    const t = line.trim();
    const end = t.indexOf(quote);
    body.push(end < 0 ? t : t.slice(0, end));
    if (end >= 0) break;
  }
  return body.join(' ');
}

function stripCommentMarks(line: string): string {
  return line.replace(/^(\/\*\*?|\*\/|\/\/\/?|#+|\*|--|;;)\s?/, '').replace(/\*\/$/, '').trim();
}

function firstSentence(doc: string): string {
  const text = doc.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return clip(m ? m[1] : text);
}

function clip(s: string): string {
  return s.length > MAX_LINE_CHARS ? `${s.slice(0, MAX_LINE_CHARS - 1)}…` : s;
}

const NAMED_DECLARATION = /^(\s*)(?:(?:export|default|public|private|protected|static|abstract|async|declare|override|pub)\s+)*(?:def|class|func|function\*?|interface|type|enum|struct|fn|trait)\s+(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)(?=\s*[(<:{=[]|\s+(?:extends|implements)\b|\s*$)/;

/**
 * The declaration a source is about when its best line (0-based `row`) sits in another one than
 * `symbol`: a range grown to fit context can start with one function and hold the match in the
 * next. A declaration nested in the symbol's is named `Symbol.name`; `symbol` when neither applies.
 */
export function declarationAt(text: string, symbol: string, row: number): string {
  const lines = text.split('\n');
  const own = signatureLines(text, symbol).offset;
  for (let i = Math.min(row, lines.length - 1); i >= 0; i--) {
    if (i === own) return symbol;
    const m = NAMED_DECLARATION.exec(lines[i]);
    if (!m) continue;
    // Below the symbol's own line and indented deeper: one of its members.
    const nested = symbol && own >= 0 && i > own && m[1].length > /^\s*/.exec(lines[own])![0].length;
    return nested ? `${symbol}.${m[2]}` : m[2];
  }
  return symbol;
}
