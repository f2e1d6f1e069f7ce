// Disk accounting and the cleanup LanceDB leaves to us.
import fs from 'node:fs/promises';
import path from 'node:path';

export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0; // a folder removed by a concurrent cleanup holds nothing
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await directoryBytes(p);
    else total += await fs.stat(p).then((s) => s.size, () => 0);
  }
  return total;
}

/** A write killed mid-way leaves `<table>.lance/data/.tmp*` that LanceDB's cleanup never removes. */
export async function sweepTempFiles(dir: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const tables = await fs.readdir(dir).catch(() => [] as string[]);
  for (const t of tables.filter((n) => n.endsWith('.lance'))) {
    const dataDir = path.join(dir, t, 'data');
    for (const name of await fs.readdir(dataDir).catch(() => [] as string[])) {
      if (!name.startsWith('.tmp')) continue;
      const p = path.join(dataDir, name);
      const st = await fs.stat(p).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > olderThanMs) {
        await fs.rm(p, { recursive: true, force: true });
        removed++;
      }
    }
  }
  return removed;
}
