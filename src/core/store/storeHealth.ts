// Read checks that find a damaged index before a search trips over it: every data file of each
// table is opened (a scan of one small column touches each file's footer), and every index is
// queried once. LanceDB opens files lazily, so a truncated or deleted file shows only here.
import type * as lancedb from '@lancedb/lancedb';

export interface StoreProblem {
  table: 'chunks' | 'files' | 'meta';
  /** 'data': rows cannot be read (rebuild from the files); 'index': one index is broken (rebuild it). */
  kind: 'data' | 'index';
  /** Name of the broken index, for kind 'index'. */
  index?: string;
  detail: string;
}

const KEY_COLUMN = { chunks: 'id', files: 'path', meta: 'key' } as const;

export async function checkStoreHealth(tables: Record<'chunks' | 'files' | 'meta', lancedb.Table>): Promise<StoreProblem[]> {
  const problems: StoreProblem[] = [];
  for (const name of ['chunks', 'files', 'meta'] as const) {
    const table = tables[name];
    try {
      await table.query().select([KEY_COLUMN[name]]).toArray();
    } catch (err) {
      problems.push({ table: name, kind: 'data', detail: firstLine(err) });
      continue;
    }
    let indices: lancedb.IndexConfig[];
    try {
      indices = await table.listIndices();
    } catch (err) {
      problems.push({ table: name, kind: 'data', detail: firstLine(err) });
      continue;
    }
    for (const index of indices) {
      try {
        await probe(table, index);
      } catch (err) {
        problems.push({ table: name, kind: 'index', index: index.name, detail: firstLine(err) });
      }
    }
  }
  return problems;
}

/** One query that has to load the index's files. */
async function probe(table: lancedb.Table, index: lancedb.IndexConfig): Promise<void> {
  const column = index.columns[0];
  if (index.indexType === 'FTS') {
    await table.query().fullTextSearch('probe', { columns: column }).select([column, '_score']).limit(1).toArray();
  } else if (index.indexType.startsWith('IVF') || index.indexType.includes('HNSW')) {
    const dimension = (await table.schema()).fields.find((f) => f.name === column)?.type?.listSize ?? 0;
    await table.query().nearestTo(new Array(dimension).fill(0)).column(column).select([column]).limit(1).toArray();
  } else {
    await table.query().where(`${column} = 'probe'`).select([column]).limit(1).toArray();
  }
}

export function describeProblems(problems: readonly StoreProblem[]): string {
  return problems.map((p) => (p.kind === 'data' ? `${p.table} table unreadable (${p.detail})` : `${p.index} index of ${p.table} broken (${p.detail})`)).join('; ');
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // LanceDB appends Rust source locations after the message: keep the part a person can use.
  return text.split('\n')[0].replace(/, \/rustc\/.*$/, '').slice(0, 300);
}
