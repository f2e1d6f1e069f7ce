// Turns chunks into store rows: hashes, ids, and what the full-text indexes see (identifier
// splitting of every chunk). Runs in the chunking workers, next to the parse, so this per-chunk
// work never lands on the thread that reads files and writes the store (an editor's host).
import { contentKindOf } from '../scan/contentKind.js';
import { pathTokens, proseWords, splitIdentifiers } from '../store/identifiers.js';
import type { ChunkRow } from '../store/schema.js';
import { hashText } from '../textHash.js';
import type { Chunk } from '../types.js';

export function toChunkRows(chunks: Chunk[]): ChunkRow[] {
  return chunks.map((c) => {
    const content_hash = hashText(c.text);
    return {
      id: hashText(`${c.path}\n${c.startLine}\n${c.endLine}\n${content_hash}`).slice(0, 32),
      path: c.path,
      start_line: c.startLine,
      end_line: c.endLine,
      language: c.language,
      kind: c.kind,
      symbol: c.symbol,
      parents: c.parents.join(' › '),
      content_hash,
      text: c.text,
      ...searchFields(c),
    };
  });
}

/**
 * What the full-text indexes see of a chunk: exact identifier tokens (path and enclosing symbols
 * too, so "parse config" finds parseConfig.ts), plain words for the stemmed field, and the kind
 * of its file.
 */
export function searchFields(c: Pick<Chunk, 'path' | 'parents' | 'symbol' | 'text'>): Pick<ChunkRow, 'idents' | 'prose' | 'content_kind'> {
  return {
    idents: `${pathTokens(c.path)} ${splitIdentifiers(c.parents.join(' '))} ${splitIdentifiers(c.symbol)} ${splitIdentifiers(c.text)}`,
    prose: proseWords(`${c.path.replace(/[/\\.]/g, ' ')} ${c.parents.join(' ')} ${c.symbol} ${c.text}`),
    content_kind: contentKindOf(c.path),
  };
}
