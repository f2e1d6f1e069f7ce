// A tokenizer-free size estimate, used to fit the prompt into a model's context window.

/**
 * English prose runs about 4 characters per BPE token, source code nearer 3 (short identifiers,
 * punctuation); 3.5 errs on the high side for code-heavy prompts so we rarely overflow the window.
 */
export const CHARS_PER_TOKEN = 3.5;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
