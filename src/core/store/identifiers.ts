// Identifier-aware tokens for the full-text index. LanceDB's tokenizer keeps `getUserById` whole,
// so we index (and query with) each identifier whole plus its camelCase/snake_case/digit parts.

const WORD = /[\p{L}\p{N}_$]+/gu;
const PARTS = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\p{L}+|\d+/gu;

/** `parseConfigFile` → `parseconfigfile parse config file`; `HTTPServer2` → `httpserver2 http server 2`. */
export function splitIdentifiers(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const whole = word.replace(/[_$]/g, '').toLowerCase();
    if (whole.length === 0) continue;
    out.push(whole);
    const parts = word.match(PARTS);
    if (parts && parts.length > 1) for (const p of parts) out.push(p.toLowerCase());
  }
  return out.join(' ');
}

/** `src/store/chunkTable.ts` → `src store chunktable chunk table ts`. */
export function pathTokens(path: string): string {
  return splitIdentifiers(path.replace(/[/\\.-]/g, ' '));
}
