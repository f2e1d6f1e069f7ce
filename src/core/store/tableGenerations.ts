// Table sets on disk. A rebuild writes a new generation (`chunks_g2`, `files_g2`, `meta_g2`) and
// drops the old one only after the new meta is committed, so a crash never leaves no index.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as lancedb from '@lancedb/lancedb';

export type TableKind = 'chunks' | 'files' | 'meta';
export const TABLE_KINDS: readonly TableKind[] = ['chunks', 'files', 'meta'];

/** Generation 0 is the unsuffixed layout of schema version 1. */
export function tableName(kind: TableKind, generation: number): string {
  return generation === 0 ? kind : `${kind}_g${generation}`;
}

export interface Generation {
  generation: number;
  /** The tables of this generation that exist (a rebuild interrupted early leaves some). */
  tables: TableKind[];
}

/** Generations present in the folder, newest first. */
export function listGenerations(tableNames: string[]): Generation[] {
  const byGen = new Map<number, TableKind[]>();
  for (const name of tableNames) {
    const m = /^(chunks|files|meta)(?:_g(\d+))?$/.exec(name);
    if (!m) continue;
    const gen = m[2] === undefined ? 0 : Number(m[2]);
    byGen.set(gen, [...(byGen.get(gen) ?? []), m[1] as TableKind]);
  }
  return [...byGen.entries()].sort((a, b) => b[0] - a[0]).map(([generation, tables]) => ({ generation, tables }));
}

/**
 * Drops a generation's tables, meta first (so a crash mid-way leaves an incomplete generation,
 * never one that looks valid without its chunks). A table LanceDB cannot open is removed from disk.
 */
export async function dropGeneration(db: lancedb.Connection, dir: string, gen: Generation): Promise<void> {
  for (const kind of ['meta', 'chunks', 'files'] as const) {
    if (!gen.tables.includes(kind)) continue;
    const name = tableName(kind, gen.generation);
    try {
      await db.dropTable(name);
    } catch {
      // A corrupt table can fail to drop through LanceDB; its folder is all there is to remove.
      await fs.rm(path.join(dir, `${name}.lance`), { recursive: true, force: true });
    }
  }
}
