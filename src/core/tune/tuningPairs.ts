// A self-evaluation pair: a question the repository itself wrote (a commit message, a doc comment)
// and the files that answer it.
export interface TuningPair {
  id: string;
  kind: 'commit' | 'doc';
  query: string;
  /** Index paths (relative to the indexed root) that answer the query. */
  goldFiles: string[];
  /** The documented chunk, hidden from the candidate lists: its text holds the query itself. */
  hiddenChunkId?: string;
}

/** What a pair source found, and in plain words why it found no more. */
export interface PairHarvest {
  pairs: TuningPair[];
  notes: string[];
}

/** Anything a dev or test set asks, kept out of the pairs (the eval passes its own queries). */
export interface PairExclusions {
  commits?: Iterable<string>;
  queries?: Iterable<string>;
  symbols?: Iterable<string>;
}

/** Lower-case words only, so one text matches another whatever its punctuation or line breaks. */
export function normalisedWords(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}
