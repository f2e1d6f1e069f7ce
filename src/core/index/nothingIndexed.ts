// When a whole walk indexes nothing, say why instead of leaving an empty index to puzzle over.
// Seen on Debian's linux-source package: its top-level .gitignore ignores everything (`/*`).
import type { FileRow } from '../store/schema.js';

/** A warning for a walk that found entries but indexed none of them; undefined otherwise. */
export function nothingIndexedWarning(filesIndexed: number, skipped: Pick<FileRow, 'skip_reason' | 'skip_detail'>[]): string | undefined {
  if (filesIndexed > 0 || skipped.length === 0) return undefined;
  const byReason = new Map<string, number>();
  for (const s of skipped) byReason.set(s.skip_reason, (byReason.get(s.skip_reason) ?? 0) + 1);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  let advice = '';
  if (byReason.get('ignored') === skipped.length) {
    const sources = [...new Set(skipped.map((s) => s.skip_detail).filter(Boolean))].join(', ');
    advice = ` Every entry matched an ignore rule${sources ? ` (${sources})` : ''}: an ignore file may exclude everything (a line such as \`/*\` or \`*\`). Lines such as \`!/*\` in .askcodebaseignore index them anyway.`;
  }
  return `Nothing was indexed: all ${skipped.length} entries were skipped (${reasons}).${advice}`;
}
