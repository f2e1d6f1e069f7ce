// Builds real file trees in a temp folder for scanner tests and collects scan results.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanWorkspace, type ScanEvent } from '../../../src/core/scan/scanWorkspace.js';
import type { ScanOptions } from '../../../src/core/scan/scanOptions.js';
import type { SkipReason } from '../../../src/core/types.js';

export async function tempTree(files: Record<string, string | Buffer>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ask-scan-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
  return root;
}

export interface ScanResult {
  files: Map<string, ScanEvent & { type: 'file' }>;
  skipped: Map<string, { reason: SkipReason; detail?: string }>;
  order: string[];
}

export async function scanAll(roots: string[], options: ScanOptions = {}, signal?: AbortSignal): Promise<ScanResult> {
  const result: ScanResult = { files: new Map(), skipped: new Map(), order: [] };
  for await (const event of scanWorkspace(roots, options, signal)) {
    if (event.type === 'file') {
      result.files.set(event.file.path, event);
      result.order.push(event.file.path);
    } else {
      result.skipped.set(event.file.path, { reason: event.file.reason, detail: event.file.detail });
    }
  }
  return result;
}

export function removeTree(root: string): Promise<void> {
  return fs.rm(root, { recursive: true, force: true });
}

/**
 * An EACCES error as node:fs reports it. Tests inject it rather than chmod a file: root (which CI
 * runs as) reads and lists through any permission bits.
 */
export function permissionDenied(syscall: string, p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, ${syscall} '${p}'`), { code: 'EACCES', errno: -13, syscall, path: p });
}
