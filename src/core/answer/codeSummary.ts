// Reads the signature line and the doc comment's first sentence out of a chunk of code.

const COMMENT_LINE = /^\s*(\/\/\/?|#|\*|\/\*\*?|\*\/|--|;;|"""|''')/;
const MAX_LINE_CHARS = 160;

/** The declaration line: the first code line naming the symbol, else the first code line. */
export function signatureLine(text: string, symbol: string): string {
  const lines = text.split('\n');
  const name = symbol.split(/[.#:]/).filter(Boolean).pop() ?? '';
  const code = lines.filter((l) => l.trim() && !COMMENT_LINE.test(l) && !/^\s*@/.test(l));
  const line = (name && code.find((l) => l.includes(name))) || code[0] || '';
  return clip(line.trim());
}

/** First sentence of the doc comment before the declaration (JSDoc, //, #) or a Python docstring after it. */
export function docSentence(text: string, symbol: string): string {
  const lines = text.split('\n');
  const signature = signatureLine(text, symbol);
  const at = lines.findIndex((l) => l.trim() === signature || l.trim().startsWith(signature));
  const before: string[] = [];
  for (let i = (at < 0 ? 0 : at) - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (!l) break;
    if (/^@/.test(l) && !before.length) continue;
    if (!COMMENT_LINE.test(l)) break;
    before.unshift(l);
  }
  let doc = before.map(stripCommentMarks).join(' ');
  if (!doc.trim() && at >= 0) doc = pythonDocstring(lines.slice(at + 1));
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
