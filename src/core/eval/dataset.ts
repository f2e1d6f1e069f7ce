// The commit-localisation dataset format (shared/eval/README.md): one JSON record per line.
import fs from 'node:fs/promises';
import { AskCodebaseError } from '../types.js';

/** A line range in the tree at `commit`: 1-based, inclusive, '/'-separated path from the root. */
export interface GoldRange {
  path: string;
  start: number;
  end: number;
}

export interface EvalRecordMeta {
  /** Gold file stems the query still names (dev set 1) or a plain flag (dev set 2); non-empty or true means "flagged". */
  query_mentions_gold_stem?: string[] | boolean;
  stripped_from_query?: string[];
  [key: string]: unknown;
}

export interface EvalRecord {
  id: string;
  /** e.g. `commit-localization-dev`, or `commit-localization-synth` for synthesized records. */
  dataset?: string;
  repo: string;
  repo_name?: string;
  lang?: string;
  /** The tree to index: the parent of the commit whose message is the query. */
  commit: string;
  fix_commit?: string;
  query: string;
  gold: GoldRange[];
  /** Sorted distinct paths of `gold`. */
  gold_files: string[];
  meta?: EvalRecordMeta;
}

/** Reads a JSONL dataset; a malformed line fails the whole read with its line number and the reason. */
export async function readDataset(file: string): Promise<EvalRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new AskCodebaseError('dataset-unreadable', `Cannot read the dataset ${file}: ${(err as Error).message}`, { cause: err });
  }
  const records: EvalRecord[] = [];
  const ids = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new AskCodebaseError('dataset-malformed', `${where}: not valid JSON (${(err as Error).message})`);
    }
    const problem = recordProblem(value);
    if (problem) throw new AskCodebaseError('dataset-malformed', `${where}: ${problem}`);
    const record = value as EvalRecord;
    const earlier = ids.get(record.id);
    if (earlier !== undefined) throw new AskCodebaseError('dataset-malformed', `${where}: id "${record.id}" already used on line ${earlier}`);
    ids.set(record.id, i + 1);
    records.push(record);
  });
  return records;
}

/** What is wrong with a parsed line, or undefined when it is a usable record. */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a record must be a JSON object';
  const r = value as Record<string, unknown>;
  for (const key of ['id', 'repo', 'commit', 'query'] as const) {
    if (typeof r[key] !== 'string' || (r[key] as string).trim() === '') return `"${key}" must be a non-empty string`;
  }
  if (!Array.isArray(r.gold) || r.gold.length === 0) return '"gold" must be a non-empty list of {path, start, end}';
  for (const [j, g] of (r.gold as unknown[]).entries()) {
    const range = g as Partial<GoldRange> | null;
    if (typeof range?.path !== 'string' || range.path === '') return `gold[${j}] has no "path"`;
    if (!Number.isInteger(range.start) || !Number.isInteger(range.end)) return `gold[${j}] needs integer "start" and "end"`;
    if (range.start! < 1 || range.end! < range.start!) return `gold[${j}] has an empty or non-1-based range ${range.start}-${range.end}`;
  }
  if (!Array.isArray(r.gold_files) || r.gold_files.some((f) => typeof f !== 'string')) return '"gold_files" must be a list of paths';
  const inGold = new Set((r.gold as GoldRange[]).map((g) => g.path));
  const listed = new Set(r.gold_files as string[]);
  const missing = [...inGold].find((p) => !listed.has(p));
  if (missing) return `"gold_files" lacks ${missing}, which "gold" uses`;
  const extra = [...listed].find((p) => !inGold.has(p));
  if (extra) return `"gold_files" lists ${extra}, which no "gold" range uses`;
  if (r.meta !== undefined && (typeof r.meta !== 'object' || r.meta === null)) return '"meta" must be an object';
  const stems = (r.meta as EvalRecordMeta | undefined)?.query_mentions_gold_stem;
  if (stems !== undefined && !Array.isArray(stems) && typeof stems !== 'boolean') return '"meta.query_mentions_gold_stem" must be a list or a boolean';
  return undefined;
}
