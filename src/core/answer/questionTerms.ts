// Splits a question into the words worth looking for in code (identifier parts, no filler words).

const STOPWORDS = new Set(
  ('the a an and or of to in on for from with by is are was were be been being do does did how what where which who ' +
    'why when this that these those it its as at can could should would will there here into about over under any all ' +
    'some use used uses using get gets make makes code file files function functions method class happen happens ' +
    'work works done find show me my our we you your i').split(' '),
);

/** Lower-cased words of `text`, camelCase and snake_case split, each also kept whole. */
export function identifierWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    words.add(token.toLowerCase());
    for (const part of token.split(/_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      if (part) words.add(part.toLowerCase());
    }
  }
  return words;
}

/** Distinct content words of a question, in order of appearance. */
export function questionTerms(question: string): string[] {
  const out: string[] = [];
  for (const word of identifierWords(question)) {
    if (word.length >= 3 && !STOPWORDS.has(word) && !out.includes(word)) out.push(word);
  }
  return out;
}
