// Dev set 2 blanks the doc comments of its needles before indexing (shared/eval README,
// `meta.masked`): a copy of the tree with those lines emptied, so line numbers stay the same.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AskCodebaseError } from '../types.js';
import type { GoldRange } from './dataset.js';

/** The ranges a record asks to blank, or none. */
export function maskedRanges(meta: Record<string, unknown> | undefined): GoldRange[] {
  const m = meta?.masked;
  if (!Array.isArray(m)) return [];
  return m.filter((r): r is GoldRange => typeof r?.path === 'string' && Number.isInteger(r.start) && Number.isInteger(r.end));
}

/**
 * A copy of `tree` under `scratchDir` with every range of `ranges` replaced by empty lines.
 * Copies are keyed by tree and ranges and reused (a `.ok` mark says a copy is complete).
 */
export async function maskedTreeCopy(tree: string, ranges: GoldRange[], scratchDir: string): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify(ranges.map((r) => [r.path, r.start, r.end]).sort())).digest('hex').slice(0, 12);
  const dest = path.join(scratchDir, `${path.basename(tree)}-masked-${key}`);
  if (await fs.stat(`${dest}.ok`).then(() => true, () => false)) return dest;
  await fs.rm(dest, { recursive: true, force: true });
  await fs.mkdir(scratchDir, { recursive: true });
  await fs.cp(tree, dest, { recursive: true, verbatimSymlinks: true });
  const byFile = new Map<string, GoldRange[]>();
  for (const r of ranges) byFile.set(r.path, [...(byFile.get(r.path) ?? []), r]);
  for (const [rel, list] of byFile) {
    const file = path.join(dest, rel);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new AskCodebaseError('dataset-malformed', `meta.masked names ${rel}, which is not in ${tree}: ${(err as Error).message}`, { cause: err });
    }
    await fs.writeFile(file, blankLines(text, list));
  }
  await fs.writeFile(`${dest}.ok`, '');
  return dest;
}

/** `text` with the 1-based inclusive line ranges emptied; line endings and count are kept. */
export function blankLines(text: string, ranges: readonly { start: number; end: number }[]): string {
  const lines = text.split('\n');
  for (const { start, end } of ranges) {
    for (let i = Math.max(1, start); i <= Math.min(end, lines.length); i++) lines[i - 1] = lines[i - 1].endsWith('\r') ? '\r' : '';
  }
  return lines.join('\n');
}
