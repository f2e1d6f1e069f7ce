// read_range's guard: a path an agent names is read only when it lies inside an indexed root,
// after links are resolved, and the scanner would admit it (no ignored files, secrets, links out).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PathJudge } from '../core/scan/pathJudge.js';
import { defaultMaxFileSizeBytes } from '../core/scan/scanOptions.js';
import { locateStorePath, storePathOf, type LabelledRoot } from '../core/workspacePaths.js';
import { ToolInputError } from './toolDefinitions.js';


export interface SafeFile {
  /** The index path ('/'-separated, labelled when there are several roots). */
  storePath: string;
  abs: string;
  bytes: Uint8Array;
  sha256: string;
}

/** The index path of what the agent named: an index path, or an absolute path inside a root. */
export function storePathFor(roots: readonly LabelledRoot[], named: string): string {
  if (named.includes('\0')) throw new ToolInputError('The path contains a NUL character.');
  const slashed = named.replace(/\\/g, '/');
  if (slashed.split('/').includes('..')) throw new ToolInputError(`"${named}" goes up with "..": give a path inside the indexed folders, as search_code prints it.`);
  if (path.isAbsolute(named)) {
    const inside = storePathOf(roots, path.resolve(named));
    if (!inside) throw new ToolInputError(`"${named}" is outside the indexed folders (${roots.map((r) => r.path).join(', ')}).`);
    return inside;
  }
  return slashed.replace(/^(\.\/)+/, '');
}

/** Reads a file an agent named, refusing anything the scanner would not index. */
export async function readSafeFile(roots: readonly LabelledRoot[], named: string): Promise<SafeFile> {
  const storePath = storePathFor(roots, named);
  const located = locateStorePath(roots, storePath);
  if (!located || located.rel === '') throw new ToolInputError(`"${named}" is not a file in the indexed folders.`);
  const verdict = await new PathJudge(located.root.path).verdict(located.rel);
  if (verdict === 'unknown') throw new ToolInputError(`"${named}" cannot be read: a folder on its way is missing or unreadable.`);
  if (verdict) throw new ToolInputError(`"${named}" is not indexed by rule (${verdict.reason}${verdict.detail ? `: ${verdict.detail}` : ''}), so it is not served.`);
  const abs = path.join(located.root.path, ...located.rel.split('/'));
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isFile()) throw new ToolInputError(`"${named}" is not a file in the indexed folders.`);
  // The scanner skips files over its size cap; they are not served either.
  if (stat.size > defaultMaxFileSizeBytes) throw new ToolInputError(`"${named}" is ${Math.round(stat.size / 1024)} KB, over the index's size limit, so it is not served.`);
  const bytes = await fs.readFile(abs);
  return { storePath, abs, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
