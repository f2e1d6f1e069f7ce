// Arrow schemas of the index tables. Column names are snake_case: LanceDB filters are SQL, where
// unquoted camelCase names would be folded to lower case.
import { Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from 'apache-arrow';

/** Bump when a table's layout or the meaning of a column changes: an old index is rebuilt. */
/**
 * 2: generation-named tables, `root` and `file_hash` columns, kebab-case identifier tokens.
 * 3: `content_kind` (code / test / docs / data) and the stemmed plain-language column `prose`.
 */
export const SCHEMA_VERSION = 3;

export function chunkSchema(dimension: number): Schema {
  const fields: Field[] = [
    new Field('id', new Utf8(), false),
    new Field('path', new Utf8(), false),
    new Field('root', new Utf8(), false),
    new Field('start_line', new Int32(), false),
    new Field('end_line', new Int32(), false),
    new Field('language', new Utf8(), false),
    new Field('kind', new Utf8(), false),
    new Field('symbol', new Utf8(), false),
    new Field('parents', new Utf8(), false),
    new Field('content_hash', new Utf8(), false),
    new Field('text', new Utf8(), false),
    new Field('idents', new Utf8(), false),
    new Field('prose', new Utf8(), false),
    new Field('content_kind', new Utf8(), false),
    new Field('file_hash', new Utf8(), false),
  ];
  // Nullable: chunks are stored (and keyword-searchable) before their embeddings exist.
  if (dimension > 0) fields.push(new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), true));
  return new Schema(fields);
}

export const fileSchema = new Schema([
  new Field('path', new Utf8(), false),
  new Field('size', new Float64(), false),
  new Field('mtime_ms', new Float64(), false),
  new Field('content_hash', new Utf8(), false),
  new Field('language', new Utf8(), false),
  new Field('indexed_at', new Float64(), false),
  new Field('status', new Utf8(), false),
  new Field('skip_reason', new Utf8(), false),
  new Field('skip_detail', new Utf8(), false),
  new Field('chunk_count', new Int32(), false),
]);

export const metaSchema = new Schema([new Field('key', new Utf8(), false), new Field('value', new Utf8(), false)]);

export interface ChunkRow {
  id: string;
  path: string;
  start_line: number;
  end_line: number;
  language: string;
  kind: string;
  symbol: string;
  /** Enclosing declarations joined with ' › '. */
  parents: string;
  content_hash: string;
  text: string;
  /** Exact identifier tokens: each identifier whole and split into its parts (unstemmed index). */
  idents: string;
  /** The words of path, symbols, comments, prose and identifier parts (English-stemmed index). */
  prose: string;
  /** What the chunk's file is for: code, test, docs or data (scan/contentKind.ts). */
  content_kind: string;
  /** Label of the workspace folder in a multi-root workspace ('' for a single root). */
  root?: string;
  /** Content hash of the whole file the chunk was cut from; defaults to its files row's hash. */
  file_hash?: string;
  vector?: number[] | Float32Array | null;
}

export type FileStatus = 'indexed' | 'pending-embed' | 'skipped';

export interface FileRow {
  path: string;
  size: number;
  mtime_ms: number;
  content_hash: string;
  language: string;
  indexed_at: number;
  status: FileStatus;
  skip_reason: string;
  skip_detail: string;
  chunk_count: number;
}
