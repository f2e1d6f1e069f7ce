// Keeps every chunk under a byte bound, whatever its line structure: one 18 MB line of Markdown
// made a single chunk that LanceDB's full-text build refused ("single document exceeds worker
// memory limit": 360 MB of tokenizer state > 128 MB), failing that run and every later one.
import type { Chunk } from '../types.js';

/**
 * 16 KiB holds any chunk of 60 hand-written lines (~2.5 KB typical here); only text with very
 * long lines reaches it.
 */
export const MAX_CHUNK_BYTES = 16_384;
// A UTF-16 code unit never takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2).
const MAX_PIECE_UNITS = Math.floor(MAX_CHUNK_BYTES / 3);

/**
 * The chunks with each one over the bound cut into pieces: whole lines while they fit, and lines
 * longer than the bound cut within the line (a piece of one line has startLine === endLine).
 */
export function boundChunks(chunks: Chunk[], maxBytes = MAX_CHUNK_BYTES): Chunk[] {
  if (chunks.every((c) => c.text.length * 3 <= maxBytes || Buffer.byteLength(c.text) <= maxBytes)) return chunks;
  return chunks.flatMap((c) => (Buffer.byteLength(c.text) <= maxBytes ? [c] : cut(c, maxBytes)));
}

function cut(chunk: Chunk, maxBytes: number): Chunk[] {
  const units = Math.min(MAX_PIECE_UNITS, Math.floor(maxBytes / 3));
  const out: Chunk[] = [];
  let lines: string[] = [];
  let bytes = 0;
  let first = chunk.startLine;
  const flush = (endLine: number) => {
    if (lines.length === 0) return;
    out.push({ ...chunk, startLine: first, endLine, text: lines.join('\n') });
    lines = [];
    bytes = 0;
  };
  chunk.text.split('\n').forEach((line, i) => {
    const lineNo = chunk.startLine + i;
    const size = Buffer.byteLength(line) + 1;
    if (size > maxBytes) {
      flush(lineNo - 1);
      for (let at = 0; at < line.length; ) {
        let end = Math.min(line.length, at + units);
        // Never split a surrogate pair.
        if (end < line.length && /[\ud800-\udbff]/.test(line[end - 1])) end--;
        out.push({ ...chunk, startLine: lineNo, endLine: lineNo, kind: 'window', text: line.slice(at, end) });
        at = end;
      }
      first = lineNo + 1;
      return;
    }
    if (bytes + size > maxBytes) {
      flush(lineNo - 1);
      first = lineNo;
    }
    lines.push(line);
    bytes += size;
  });
  flush(chunk.endLine);
  return out;
}
