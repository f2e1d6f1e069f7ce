// A real index over a temp folder, for retrieval tests.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';

export async function tempTree(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-retrieve-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

/** Indexes `files` (optionally with per-file mtimes) and opens the index for reading. */
export async function indexOf(files: Record<string, string>, opts: { mtimes?: Record<string, Date>; embedder?: Embedder | null } = {}): Promise<{ root: string; dbDir: string; store: IndexStore }> {
  const root = await tempTree(files);
  for (const [rel, when] of Object.entries(opts.mtimes ?? {})) await fs.utimes(path.join(root, rel), when, when);
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-retrieve-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder: opts.embedder ?? null });
  return { root, dbDir, store: await IndexStore.openExisting(dbDir) };
}
