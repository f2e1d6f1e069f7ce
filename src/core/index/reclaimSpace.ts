// A finished run keeps the table versions of its last minute for readers that may still be using
// them (CLEANUP_GRACE_MS), and saves skip the optimize step, so until the next full run an index
// stays at its right-after-build size: spring-framework embedded was 508 MB then, 157 MB once
// those versions were cleaned. The editor calls this a little after a build to give it back.
import { IndexStore } from '../store/indexStore.js';
import { acquireWriterLock } from '../store/writerLock.js';

/** Folds pending rows into the indexes and removes versions past the grace period. False if another writer holds the index. */
export async function reclaimSpace(dbDir: string, options: { cleanupGraceMs?: number } = {}): Promise<boolean> {
  const lock = await acquireWriterLock(dbDir);
  if (!lock) return false;
  try {
    const store = await IndexStore.openExisting(dbDir, options);
    try {
      await store.optimize();
    } finally {
      await store.close();
    }
    return true;
  } finally {
    await lock.release();
  }
}
