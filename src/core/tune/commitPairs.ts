// Commit pairs: a commit message (cleaned as `eval synth` cleans it) → the source files the commit
// changed, taken only from commits reachable from the indexed tree, newest first.
import { cleanCommitMessage, readsAsBehaviourChange } from '../eval/commitMessage.js';
import { readCommits, runGit } from '../eval/gitCommits.js';
import { classifyPath, qualifyingSources } from '../eval/synth.js';
import { AskCodebaseError } from '../types.js';
import { normalisedWords, type PairExclusions, type PairHarvest, type TuningPair } from './tuningPairs.js';

export interface CommitPairOptions {
  /** The repository holding the indexed tree; default: the root's own repository. */
  gitDir?: string;
  /** The commit the indexed tree was taken from (default HEAD). */
  rev?: string;
  max: number;
  /** Commits read at most. */
  maxCommits?: number;
  deadline: number;
  indexedPaths: ReadonlySet<string>;
  exclude?: PairExclusions;
  signal?: AbortSignal;
}

/** Never throws for a repository it cannot read: the reason is a note and there are no pairs. */
export async function commitPairs(root: string, o: CommitPairOptions): Promise<PairHarvest> {
  const notes: string[] = [];
  const gitDir = o.gitDir ?? root;
  let prefix = '';
  try {
    const [inside, shallow, pre] = (await runGit(gitDir, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--show-prefix'], o.signal)).split('\n');
    if (shallow === 'true') notes.push('the repository is a shallow clone: only its fetched history was read');
    if (!o.gitDir && inside === 'true') prefix = pre ?? '';
  } catch (err) {
    if (o.signal?.aborted) throw err;
    return { pairs: [], notes: [`no usable git history (${gitMessage(err)})`] };
  }
  const excludedCommits = new Set(o.exclude?.commits ?? []);
  const excludedQueries = new Set([...(o.exclude?.queries ?? [])].map(normalisedWords));
  const pairs: TuningPair[] = [];
  const subjects = new Set<string>();
  let read = 0;
  try {
    for await (const c of readCommits(gitDir, { rev: o.rev, maxCommits: o.maxCommits ?? 3000, signal: o.signal })) {
      read++;
      if (pairs.length >= o.max || performance.now() > o.deadline) break;
      if (excludedCommits.has(c.hash)) continue;
      const files = qualifyingSources(c, classifyPath);
      if (!files) continue;
      const gold = files.sources.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)).filter((p) => o.indexedPaths.has(p));
      if (gold.length === 0) continue;
      const cleaned = cleanCommitMessage(c.message, files.sources);
      if (subjects.has(cleaned.subject) || !readsAsBehaviourChange(cleaned.subject, cleaned.query)) continue;
      if (excludedQueries.has(normalisedWords(cleaned.query))) continue;
      subjects.add(cleaned.subject);
      pairs.push({ id: `commit-${c.hash.slice(0, 12)}`, kind: 'commit', query: cleaned.query, goldFiles: gold });
    }
  } catch (err) {
    if (o.signal?.aborted) throw err;
    notes.push(`git history could not be read (${gitMessage(err)})`);
  }
  if (read <= 1 && notes.length === 0) notes.push(read === 0 ? 'the repository has no commits' : 'the repository has a single commit');
  return { pairs, notes };
}

function gitMessage(err: unknown): string {
  const text = err instanceof AskCodebaseError ? err.message : (err as Error).message;
  return text.split('\n').find((l) => /fatal|error|not a git/i.test(l))?.trim() ?? text.split('\n')[0];
}
