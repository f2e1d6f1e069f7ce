// One writer per index across processes (two windows, or a window and the CLI). Readers never
// take it. A lock whose owner died, or whose heartbeat stopped, is taken over.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface WriterLock {
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  heartbeat: number;
}

/** Heartbeats every 5 s; a lock silent for 30 s belongs to a hung or vanished process. */
const HEARTBEAT_MS = 5_000;
const DEFAULT_STALE_MS = 30_000;

export async function acquireWriterLock(dir: string, options: { staleMs?: number } = {}): Promise<WriterLock | null> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'writer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    const handle = await fs.open(file, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return null;
      throw err;
    });
    if (handle) {
      const write = () => fs.writeFile(file, JSON.stringify({ pid: process.pid, host: os.hostname(), heartbeat: Date.now() } satisfies LockInfo));
      await handle.close();
      await write();
      const timer = setInterval(() => void write().catch(() => undefined), HEARTBEAT_MS);
      timer.unref();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          await fs.rm(file, { force: true });
        },
      };
    }
    if (!(await isStale(file, staleMs))) return null;
    // Rename first so that of two processes taking over the same stale lock only one wins.
    const grave = `${file}.stale-${process.pid}`;
    const moved = await fs.rename(file, grave).then(() => true, () => false);
    if (moved) await fs.rm(grave, { force: true });
  }
  return null;
}

async function isStale(file: string, staleMs: number): Promise<boolean> {
  let info: LockInfo;
  try {
    info = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
  } catch {
    // Unreadable or half-written: stale only if it has not been touched for a while.
    const st = await fs.stat(file).catch(() => undefined);
    return !st || Date.now() - st.mtimeMs > staleMs;
  }
  if (info.host === os.hostname() && !processAlive(info.pid)) return true;
  return Date.now() - info.heartbeat > staleMs;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
