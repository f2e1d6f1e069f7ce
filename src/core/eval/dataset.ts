// The commit-localisation dataset format (shared/eval/README.md): one JSON record per line.
import fs from 'node:fs/promises';
import { AskCodebaseError } from '../types.js';

export interface GoldRange {
  path: string;
  start: number;
  end: number;
}

export interface EvalRecord {
  id: string;
  repo: string;
  repo_name?: string;
  lang?: string;
  /** The tree to index. */
  commit: string;
  query: string;
  gold: GoldRange[];
  gold_files: string[];
  meta?: { query_mentions_gold_stem?: string[]; [key: string]: unknown };
}

export async function readDataset(file: string): Promise<EvalRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new AskCodebaseError('dataset-unreadable', `Cannot read the dataset ${file}: ${(err as Error).message}`, { cause: err });
  }
  const records: EvalRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: EvalRecord;
    try {
      r = JSON.parse(line) as EvalRecord;
    } catch (err) {
      throw new AskCodebaseError('dataset-malformed', `${file}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const problem =
      typeof r.id !== 'string' ? 'missing "id"'
      : typeof r.query !== 'string' ? 'missing "query"'
      : !Array.isArray(r.gold) || r.gold.some((g) => typeof g?.path !== 'string' || !Number.isInteger(g.start) || !Number.isInteger(g.end)) ? '"gold" must be a list of {path, start, end}'
      : !Array.isArray(r.gold_files) ? 'missing "gold_files"'
      : undefined;
    if (problem) throw new AskCodebaseError('dataset-malformed', `${file}:${i + 1}: ${problem}`);
    records.push(r);
  });
  return records;
}
