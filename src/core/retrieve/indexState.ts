// What search should tell the user about the index it read: still being built, empty, or built
// for another embedding model.
import fs from 'node:fs/promises';
import path from 'node:path';
import { LOCK_FILE } from '../store/writerLock.js';

/** A writer lock whose heartbeat is younger than this belongs to a live indexing run (writerLock.ts: stale after 30 s). */
const LIVE_LOCK_MS = 30_000;

/** True while another process (or this one) holds a live writer lock on the index. */
export async function indexIsBuilding(dbDir: string, now = Date.now()): Promise<boolean> {
  try {
    const info = JSON.parse(await fs.readFile(path.join(dbDir, LOCK_FILE), 'utf8')) as { heartbeat?: number };
    return typeof info.heartbeat === 'number' && now - info.heartbeat < LIVE_LOCK_MS;
  } catch {
    return false;
  }
}
