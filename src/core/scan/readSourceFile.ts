// Reads one file for indexing, once: size cap, binary sniff, decoding, minified/generated
// detection and a content hash. A file that vanished or changed kind since the scan gives an
// 'unreadable' result, never a throw.
import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import { AskCodebaseError, type SkipReason } from '../types.js';
import { describe } from './errorText.js';
import { isInside } from './pathJudge.js';
import { machineWrittenReason } from './machineWritten.js';
import { secretContentReason } from './secretContent.js';
import { defaultMaxFileSizeBytes } from './scanOptions.js';
import { decodeSourceBytes } from './textDecoding.js';

export interface ReadSourceOptions {
  maxFileSizeBytes?: number;
  /** Path used for name-based rules (prose extensions); defaults to absPath. */
  relPath?: string;
  signal?: AbortSignal;
  /**
   * Real path of the root the file was found under. When set, the opened file must be the file
   * at a real path inside it: a path swapped for a link leading out after the scan is not read.
   */
  realRoot?: string;
}

export type SourceRead =
  | { ok: true; text: string; contentHash: string; size: number }
  | { ok: false; reason: SkipReason; detail: string };

// O_NONBLOCK: if the path was swapped for a FIFO since the scan, opening it must not hang.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readSourceFile(absPath: string, options: ReadSourceOptions = {}): Promise<SourceRead> {
  const cap = options.maxFileSizeBytes ?? defaultMaxFileSizeBytes;
  throwIfAborted(options.signal);
  let bytes: Buffer;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absPath, openFlags);
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'unreadable', detail: 'no longer a regular file' };
    if (options.realRoot) {
      const escaped = await leftTheRoot(absPath, options.realRoot, st);
      if (escaped) return escaped;
    }
    if (st.size > cap) return { ok: false, reason: 'too-large', detail: `${st.size} bytes, limit ${cap}` };
    const read = await readAtMost(handle, st.size, cap);
    if (read === undefined) return { ok: false, reason: 'too-large', detail: `grew beyond the ${cap}-byte limit while being read` };
    bytes = read;
  } catch (err) {
    return { ok: false, reason: 'unreadable', detail: describe(err) };
  } finally {
    await handle?.close();
  }
  throwIfAborted(options.signal);

  const decoded = decodeSourceBytes(bytes);
  if (!decoded.ok) return { ok: false, reason: 'binary', detail: decoded.detail };
  const secret = secretContentReason(decoded.text);
  if (secret) return { ok: false, reason: 'secret', detail: secret };
  const machine = machineWrittenReason(decoded.text, options.relPath ?? absPath);
  if (machine) return { ok: false, ...machine };
  // sha256 of the raw bytes: ~770 MB/s here (sha1 ~790, md5 ~350; scripts/bench/scan.ts), while
  // walk+read runs at ~20 MB/s, so a faster hash would buy nothing.
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, text: decoded.text, contentHash, size: bytes.length };
}

/**
 * Checked after opening, on the open handle's device and inode: the path's real location must be
 * inside the root and hold the very file that was opened (not one swapped in between).
 */
async function leftTheRoot(absPath: string, realRoot: string, opened: Stats): Promise<SourceRead | undefined> {
  const real = await fs.realpath(absPath);
  if (!isInside(real, realRoot)) return { ok: false, reason: 'outside-root', detail: `now leads outside the workspace folder, to ${real}` };
  const st = await fs.stat(real);
  if (st.dev !== opened.dev || st.ino !== opened.ino) return { ok: false, reason: 'unreadable', detail: 'the file was replaced while it was being opened' };
  return undefined;
}

/** Reads to end of file, or gives undefined as soon as more than `cap` bytes turn up. */
async function readAtMost(handle: fs.FileHandle, expected: number, cap: number): Promise<Buffer | undefined> {
  // One byte of headroom tells "exactly the expected size" from "it grew".
  let buffer = Buffer.allocUnsafe(Math.min(expected, cap) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > cap) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, cap + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return length > cap ? undefined : buffer.subarray(0, length);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Reading workspace files was cancelled.', { cause: signal.reason });
}
