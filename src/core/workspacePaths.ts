// Index paths ↔ files on disk. A single unlabelled root stores paths relative to it; several
// roots store `<label>/<relative path>` (the folder's name), so results say which folder they are in.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AskCodebaseError } from './types.js';

export interface LabelledRoot {
  path: string;
  label?: string;
}

/** The root holding an index path and the path relative to it (`/`-separated), if one does. */
export function locateStorePath<R extends LabelledRoot>(roots: readonly R[], storePath: string): { root: R; rel: string } | undefined {
  const root = roots.length === 1 && !roots[0].label ? roots[0] : roots.find((r) => r.label && storePath.startsWith(`${r.label}/`));
  if (!root) return undefined;
  return { root, rel: root.label ? storePath.slice(root.label.length + 1) : storePath };
}

/** The absolute path of an index path, or undefined when no root holds it (or it escapes its root). */
export function resolveStorePath(roots: readonly LabelledRoot[], storePath: string): string | undefined {
  const located = locateStorePath(roots, storePath);
  if (!located) return undefined;
  const abs = path.resolve(located.root.path, located.rel);
  const inside = path.relative(located.root.path, abs);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  return abs;
}

/** The index path of an absolute file path, or undefined when it lies outside every root. */
export function storePathOf(roots: readonly LabelledRoot[], absPath: string): string | undefined {
  for (const root of roots) {
    const rel = path.relative(root.path, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const posix = rel.split(path.sep).join('/');
    return root.label ? `${root.label}/${posix}` : posix;
  }
  return undefined;
}

/** Reads files by index path, for the citation checker. */
export function fileReaderFor(roots: readonly LabelledRoot[]): (storePath: string) => Promise<string> {
  return async (storePath) => {
    const abs = resolveStorePath(roots, storePath);
    if (!abs) throw new AskCodebaseError('outside-workspace', `${storePath} is not inside the indexed folders.`);
    return fs.readFile(abs, 'utf8');
  };
}

/** Reads a file's bytes by index path; undefined when it is outside the roots or gone. */
export function byteReaderFor(roots: readonly LabelledRoot[]): (storePath: string) => Promise<Uint8Array | undefined> {
  return async (storePath) => {
    const abs = resolveStorePath(roots, storePath);
    return abs ? fs.readFile(abs).catch(() => undefined) : undefined;
  };
}

/**
 * Labels for several roots: each folder's name, made unique in order (`src`, `src-2`), so two
 * roots with the same name never share index paths.
 */
export function uniqueRootLabels(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = name || 'root';
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base}-${n}`;
    taken.add(label);
    return label;
  });
}
