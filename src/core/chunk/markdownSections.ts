// Markdown is cut at headings; the heading path becomes the parent chain.
import { lineWindows, type Segment } from './lineWindows.js';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

export function markdownSegments(lines: string[], maxLines: number): Segment[] {
  const heads: { line: number; level: number; title: string }[] = [];
  let inFence = false;
  lines.forEach((line, i) => {
    if (FENCE.test(line)) inFence = !inFence;
    const m = !inFence && HEADING.exec(line);
    if (m) heads.push({ line: i, level: m[1].length, title: m[2] });
  });
  const out: Segment[] = [];
  const stack: { level: number; title: string }[] = [];
  const starts = heads.length > 0 && heads[0].line === 0 ? heads : [{ line: 0, level: 0, title: '' }, ...heads];
  starts.forEach((h, idx) => {
    const end = idx + 1 < starts.length ? starts[idx + 1].line - 1 : lines.length - 1;
    while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
    const parents = stack.map((s) => `# ${s.title}`);
    if (h.level > 0) stack.push({ level: h.level, title: h.title });
    if (end < h.line) return;
    const base = { kind: 'section' as const, symbol: h.title, parents, isDeclaration: h.level > 0 };
    if (end - h.line + 1 <= maxLines) out.push({ ...base, start: h.line, end });
    else out.push(...lineWindows(h.line, end, maxLines, 0, base));
  });
  return out;
}
