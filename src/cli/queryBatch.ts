// Reads a `--queries` JSONL file: one {"id", "query"} per line. A bad line is reported for that
// line and the batch goes on; a file that cannot be read is a clear error.
import fs from 'node:fs/promises';
import { AskCodebaseError } from '../core/types.js';

export type QueryLine = { id: unknown; query: string } | { id: unknown; error: string };

export async function readQueryBatch(file: string): Promise<QueryLine[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new AskCodebaseError('bad-queries', `The queries file ${file} cannot be read: ${why}.`, { cause: err });
  }
  const out: QueryLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const where = `${file}:${i + 1}`;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      out.push({ id: i + 1, error: `${where}: not valid JSON` });
      continue;
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      out.push({ id: i + 1, error: `${where}: expected an object like {"id": 1, "query": "..."}` });
      continue;
    }
    const { id, query } = rec as { id?: unknown; query?: unknown };
    if (typeof query !== 'string') out.push({ id: id ?? i + 1, error: `${where}: missing "query" (a string)` });
    else out.push({ id: id ?? i + 1, query });
  }
  return out;
}
