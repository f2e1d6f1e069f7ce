// The text that is embedded and shown as context: a header naming where the chunk lives, then the code.
import type { Chunk } from '../types.js';

export function contextHeader(chunk: Pick<Chunk, 'path' | 'parents' | 'symbol'>): string {
  const parts = [chunk.path, ...chunk.parents];
  const last = chunk.parents[chunk.parents.length - 1] ?? '';
  if (chunk.symbol && !last.endsWith(` ${chunk.symbol}`)) parts.push(chunk.symbol);
  return parts.join(' › ');
}

export function embeddingText(chunk: Pick<Chunk, 'path' | 'parents' | 'symbol' | 'text'>): string {
  return `${contextHeader(chunk)}\n${chunk.text}`;
}
