// One writer per index across processes (two windows, or a window and the CLI). Readers never
// take it. A lock whose owner died, or whose heartbeat stopped, is taken over.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface WriterLock {
  /** Stops the heartbeat and removes the lock file if it is still ours. */
  release(): Promise<void>;
  /** False once released, or once another process took the lock over (our heartbeat went stale). */
  readonly isHeld: boolean;
}

interface LockInfo {
  pid: number;
  host: string;
  /** Tells apart two holders with the same pid (a recycled pid, or two stores in one process). */
  token: string;
  heartbeat: number;
}

/** Heartbeats every 5 s; a lock silent for 30 s belongs to a hung or vanished process. */
const HEARTBEAT_MS = 5_000;
const DEFAULT_STALE_MS = 30_000;
export const LOCK_FILE = 'writer.lock';

export async function acquireWriterLock(dir: string, options: { staleMs?: number; heartbeatMs?: number } = {}): Promise<WriterLock | null> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const heartbeatMs = Math.min(options.heartbeatMs ?? HEARTBEAT_MS, Math.max(10, Math.floor(staleMs / 3)));
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const token = randomUUID();
  const info = (): LockInfo => ({ pid: process.pid, host: os.hostname(), token, heartbeat: Date.now() });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createExclusive(file, JSON.stringify(info()))) return heldLock(file, token, info, heartbeatMs);
    if (!(await isStale(file, staleMs))) return null;
    // Rename first so that of two processes taking over the same stale lock only one removes it.
    const grave = `${file}.stale-${process.pid}-${token}`;
    if (await fs.rename(file, grave).then(() => true, () => false)) await fs.rm(grave, { force: true });
  }
  return null;
}

/** Reads who holds the lock on `dir`, if anyone (for status messages). */
export async function readWriterLock(dir: string): Promise<LockInfo | undefined> {
  return readInfo(path.join(dir, LOCK_FILE));
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(content);
    await handle.close();
  } catch (err) {
    // A lock file we could not fill (a full disk) would lock the index until it went stale.
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw err;
  }
  return true;
}

function heldLock(file: string, token: string, info: () => LockInfo, heartbeatMs: number): WriterLock {
  let held = true;
  let inFlight: Promise<void> = Promise.resolve();
  const beat = async () => {
    const current = await readInfo(file);
    if (!held) return;
    if (current?.token !== token) {
      // Taken over while we were silent (suspended laptop, long GC): never write over the new owner.
      held = false;
      clearInterval(timer);
      return;
    }
    // Write-then-rename so a reader never sees a half-written heartbeat.
    const tmp = `${file}.${token}.tmp`;
    try {
      await fs.writeFile(tmp, JSON.stringify(info()));
      // Released while writing: renaming now would bring back a lock nobody holds.
      if (held) await fs.rename(tmp, file);
      else await fs.rm(tmp, { force: true });
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  };
  let beating = false;
  const timer = setInterval(() => {
    // One beat at a time: release() awaits the one in flight, and an overlapping earlier beat (a
    // busy machine, a 1 ms interval) could leave its temporary file behind after the release.
    if (beating) return;
    beating = true;
    inFlight = beat()
      .catch((err: unknown) => {
        // A failed heartbeat only risks a takeover, which `isHeld` then reports; keep the cause visible.
        process.emitWarning(`ask-codebase: writer lock heartbeat failed: ${(err as Error).message}`);
      })
      .finally(() => {
        beating = false;
      });
  }, heartbeatMs);
  timer.unref();
  return {
    get isHeld() {
      return held;
    },
    async release() {
      if (!held) return;
      held = false;
      clearInterval(timer);
      await inFlight;
      if ((await readInfo(file))?.token === token) await fs.rm(file, { force: true });
    },
  };
}

async function readInfo(file: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

async function isStale(file: string, staleMs: number): Promise<boolean> {
  const info = await readInfo(file);
  if (!info) {
    // Unreadable: stale only if nobody has touched it for a while (a writer may be mid-create).
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
