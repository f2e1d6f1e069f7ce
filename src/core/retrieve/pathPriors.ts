// Cheap structural priors measured on the dev sets (each constant's numbers; docs/benchmarks.md):
// demoting test/fixture/example files and boosting files whose path the question names.
import { isTestLikePath } from '../scan/contentKind.js';

export { isTestLikePath };

/**
 * Scores of test-like files are multiplied by this when the question is not about tests (BM25 on
 * commit messages: MRR .540 → .663 at 0.5). 0.25 with the code-first lane at 0.3: questions
 * .598 → .601, commit messages .709 → .715, R@10 .885 → .910 (both sets never have a test as gold,
 * so they cannot show over-demotion: a question about tests lifts it).
 */
export const TEST_FILE_FACTOR = 0.25;

/**
 * Each question word naming a path component multiplies the score by (1 + this). 0.25 was best
 * of 0.1/0.25/0.5 on commit messages alone; with plain-language questions too 0.1 is (questions
 * MRR .602 → .606 at the chosen defaults, commit messages .713 → .710).
 */
export const PATH_MATCH_BOOST = 0.1;

/** Path components (directories and file stem, split on case and punctuation), lower-case. */
export function pathWords(path: string): Set<string> {
  const words = new Set<string>();
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  const stem = file.replace(/\.[^.]+$/, '');
  for (const part of [...parts, stem]) {
    const lower = part.toLowerCase();
    words.add(lower.replace(/[-_.]/g, ''));
    for (const piece of part.split(/[-_.]|(?<=[a-z0-9])(?=[A-Z])/)) if (piece.length >= 3) words.add(piece.toLowerCase());
  }
  return words;
}

/** `isTest`: the kind the index stored for the file (the same rules, decided once at indexing). */
export function pathPrior(path: string, queryTerms: Set<string>, aboutTests: boolean, testFactor = TEST_FILE_FACTOR, pathBoost = PATH_MATCH_BOOST, isTest = isTestLikePath(path)): number {
  let factor = 1;
  if (!aboutTests && isTest) factor *= testFactor;
  let matches = 0;
  for (const w of pathWords(path)) if (w.length >= 3 && queryTerms.has(w)) matches++;
  return factor * (1 + pathBoost * Math.min(matches, 3));
}
