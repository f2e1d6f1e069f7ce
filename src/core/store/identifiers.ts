// Identifier-aware tokens for the full-text index. LanceDB's tokenizer keeps `getUserById` whole,
// so we index (and query with) each identifier whole plus its camelCase/snake/kebab/digit parts.

/** An identifier: letters, digits, `_`, `$`, and inner hyphens between word characters (CSS, HTML, CLI flags). */
const IDENTIFIER = /[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/gu;
/** Parts inside one identifier: `XMLHttp` → `XML` `Http`; `utf8` → `utf` `8`. */
const PARTS = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{L}+|\p{N}+/gu;

/** `parseConfigFile` → `parseconfigfile parse config file`; `HTTPServer2` → `httpserver2 http server 2`. */
export function splitIdentifiers(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(IDENTIFIER)) {
    const word = m[0];
    const whole = word.replace(/[_$-]/g, '').toLowerCase();
    if (whole.length === 0) continue;
    out.push(whole);
    const parts = word.match(PARTS);
    if (parts && parts.length > 1) for (const p of parts) out.push(p.toLowerCase());
  }
  return out.join(' ');
}

/** `src/store/chunkTable.ts` → `src store chunktable chunk table ts`. */
export function pathTokens(path: string): string {
  return splitIdentifiers(path.replace(/[/\\.]/g, ' '));
}

/**
 * The plain words of a text, identifiers cut into their parts and lower-cased: `parseHeight(win)`
 * → `parse height win`. Stemming and stop words are left to the full-text index of this column.
 */
export function proseWords(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(IDENTIFIER)) {
    const parts = m[0].match(PARTS);
    if (parts) for (const p of parts) out.push(p.toLowerCase());
  }
  return out.join(' ');
}
