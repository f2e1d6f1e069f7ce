// Per-request delimiters for untrusted source text, so repository text cannot pose as instructions.
import { randomBytes } from 'node:crypto';

export interface SourceBoundary {
  token: string;
  begin(label: string): string;
  end(label: string): string;
}

/** A random token that occurs in none of `texts` (128 random bits; the loop only guards the impossible). */
export function makeSourceBoundary(texts: readonly string[]): SourceBoundary {
  for (;;) {
    const token = `ACB-${randomBytes(16).toString('hex')}`;
    if (texts.some((t) => t.includes(token))) continue;
    return {
      token,
      begin: (label) => `<<<BEGIN ${label} ${token}>>>`,
      end: (label) => `<<<END ${label} ${token}>>>`,
    };
  }
}

/**
 * Defuses text that imitates our delimiter lines (`<<<BEGIN`/`<<<END`) even without the token:
 * the model then never sees anything shaped like a closing marker inside a source.
 */
export function neutraliseDelimiters(text: string): string {
  return text.replace(/<<<(\s*)(BEGIN|END)\b/gi, '<\u200b<<$1$2');
}

/** A backtick fence longer than any backtick run inside `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
