// Builds a commit-localisation dataset from a repository's own history, following the selection
// rules of shared/eval/README.md in spirit. Each record's `commit` is the fix's parent: the eval
// must index the tree at that commit (materializeCommitTree), not the working tree.
import path from 'node:path';
import { AskCodebaseError } from '../types.js';
import { cleanCommitMessage, mentionedGoldStems, readsAsBehaviourChange } from './commitMessage.js';
import type { EvalRecord, GoldRange } from './dataset.js';
import { oldSideHunks, readCommits, type CommitInfo } from './gitCommits.js';

export type FileRole = 'source' | 'test' | 'doc' | 'other';

export interface SynthOptions {
  /** Records wanted; the walk stops once it has them. */
  n: number;
  signal?: AbortSignal;
  /** Commits examined at most, newest first from `rev` (default 5,000). */
  maxCommits?: number;
  rev?: string;
  /** `owner/name` for the records (default: the folder name). */
  repo?: string;
  /** Overrides the built-in guess of what is source, test, doc or something else. */
  classify?: (path: string) => FileRole;
}

const SOURCE_EXTENSIONS = new Set(['py', 'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'go', 'rs', 'java', 'kt', 'rb', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'php', 'swift', 'vue', 'svelte', 'scala', 'lua', 'dart']);
const TEST_DIR = /(^|\/)(__tests__|__mocks__|__testfixtures__|tests?|spec|specs|fixtures?|examples?|samples?|playground|testdata|integrations?)\//i;
const TEST_FILE = /(\.(test|spec|test-d)\.[^/]+$)|(_test\.(go|py|rb)$)|((^|\/)test_[^/]+\.py$)|((^|\/)conftest\.py$)|((^|\/)test-setup\.[^/]+$)/i;
const DOC_FILE = /(\.(md|mdx|rst|txt|adoc)$)|((^|\/)(docs?|man)\/)|((^|\/)\.changeset\/)|((^|\/)(CHANGES|CHANGELOG|HISTORY|NEWS|AUTHORS)[^/]*$)/i;
// The README's limits: at most 3 source files, 300 changed source lines and 15 files per commit.
const MAX_SOURCE_FILES = 3;
const MAX_SOURCE_LINES = 300;
const MAX_FILES = 15;

/** The built-in guess, close to the README's per-repository table. */
export function classifyPath(p: string): FileRole {
  if (TEST_DIR.test(p) || TEST_FILE.test(p)) return 'test';
  if (DOC_FILE.test(p)) return 'doc';
  const ext = path.posix.extname(p).slice(1).toLowerCase();
  if (!SOURCE_EXTENSIONS.has(ext) || p.endsWith('.d.ts') || /\.config\.[^/]+$/.test(p) || /_string\.go$/.test(p)) return 'other';
  return 'source';
}

/** The source files a commit modified in place, or undefined when the commit does not qualify. */
export function qualifyingSources(c: CommitInfo, classify: (p: string) => FileRole): { sources: string[]; others: string[] } | undefined {
  if (c.parents.length !== 1 || c.files.length === 0 || c.files.length > MAX_FILES) return undefined;
  const sources: string[] = [];
  const others: string[] = [];
  for (const f of c.files) {
    const role = classify(f.path);
    if (role === 'other') return undefined;
    if (role === 'source') {
      if (f.status !== 'M') return undefined;
      sources.push(f.path);
    } else others.push(f.path);
  }
  return sources.length >= 1 && sources.length <= MAX_SOURCE_FILES ? { sources: sources.sort(), others: others.sort() } : undefined;
}

export async function synthesizeDataset(repoDir: string, opts: SynthOptions): Promise<EvalRecord[]> {
  if (!Number.isInteger(opts.n) || opts.n < 1) throw new AskCodebaseError('bad-arguments', `The number of records must be a positive integer, not ${opts.n}.`);
  const classify = opts.classify ?? classifyPath;
  const repo = opts.repo ?? path.basename(path.resolve(repoDir));
  const repoName = repo.split('/').pop()!.toLowerCase();
  const seenSubjects = new Set<string>();
  const records: EvalRecord[] = [];
  for await (const c of readCommits(repoDir, { rev: opts.rev, maxCommits: opts.maxCommits ?? 5000, signal: opts.signal })) {
    const files = qualifyingSources(c, classify);
    if (!files) continue;
    const cleaned = cleanCommitMessage(c.message, files.sources);
    // A subject seen again is a cherry-pick: the newer one is kept.
    if (seenSubjects.has(cleaned.subject) || !readsAsBehaviourChange(cleaned.subject, cleaned.query)) continue;
    const parent = c.parents[0];
    const gold: GoldRange[] = [];
    let linesChanged = 0;
    for (const p of files.sources) {
      const h = await oldSideHunks(repoDir, parent, c.hash, p, opts.signal);
      gold.push(...h.ranges);
      linesChanged += h.linesChanged;
    }
    if (gold.length === 0 || linesChanged > MAX_SOURCE_LINES) continue;
    seenSubjects.add(cleaned.subject);
    records.push({
      id: `synth-${repoName}-${c.hash.slice(0, 12)}`,
      dataset: 'commit-localization-synth',
      repo, repo_name: repoName,
      commit: parent, fix_commit: c.hash,
      query: cleaned.query,
      gold: gold.sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start),
      gold_files: [...new Set(gold.map((g) => g.path))].sort(),
      meta: {
        date: c.date,
        subject: cleaned.subject,
        src_lines_changed: linesChanged,
        other_files_changed: files.others,
        stripped_from_query: cleaned.stripped,
        query_mentions_gold_stem: mentionedGoldStems(cleaned.query, files.sources),
      },
    });
    if (records.length >= opts.n) break;
  }
  return records;
}
