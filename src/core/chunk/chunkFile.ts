// Cuts one file into chunks: along its syntax tree when we have a grammar, by headings for
// markdown, by overlapping line windows otherwise.
import { Language, Parser } from 'web-tree-sitter';
import type { Chunk } from '../types.js';
import { grammarPath } from './grammars.js';
import { lineWindows, type Segment } from './lineWindows.js';
import { markdownSegments } from './markdownSections.js';
import { syntaxSegments } from './syntaxSegments.js';

export interface ChunkOptions {
  /**
   * Longest chunk in lines. 60 matches the dev set's reference baseline windows, and with it our
   * keyword retrieval beats that baseline on every metric (docs/benchmarks.md). Other sizes are
   * not compared yet: `ask-codebase eval --max-lines N` does it.
   */
  maxLines?: number;
  /** Declarations shorter than this are merged with small neighbours. */
  mergeBelowLines?: number;
  /** Overlap between line windows of non-code text. */
  windowOverlapLines?: number;
  /** A parse running longer than this is abandoned and the file cut into windows. */
  parseTimeoutMs?: number;
}

export interface ChunkInput {
  path: string;
  text: string;
  language: string;
}

export interface ChunkOutput {
  chunks: Chunk[];
  /** Why the file was cut into windows instead of along its syntax tree, when it was. */
  fallback?: string;
}

/** Bump when the chunker cuts differently for the same settings: indexes are then rebuilt. 2: Rust attributes join their item. */
const CHUNKER_VERSION = 2;

/** Identifies how chunks were cut, for the index meta. */
export function chunkingId(options: ChunkOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  return `v${CHUNKER_VERSION}:max${o.maxLines}:merge${o.mergeBelowLines}:overlap${o.windowOverlapLines}`;
}

const DEFAULTS: Required<ChunkOptions> = { maxLines: 60, mergeBelowLines: 12, windowOverlapLines: 10, parseTimeoutMs: 5_000 };

let parserReady: Promise<void> | undefined;
const languages = new Map<string, Promise<Language | null>>();

function loadLanguage(language: string): Promise<Language | null> {
  let pending = languages.get(language);
  if (!pending) {
    const file = grammarPath(language);
    pending = file ? (parserReady ??= Parser.init()).then(() => Language.load(file)) : Promise.resolve(null);
    languages.set(language, pending);
  }
  return pending;
}

export async function chunkFile(input: ChunkInput, options: ChunkOptions = {}): Promise<ChunkOutput> {
  const opts = { ...DEFAULTS, ...options };
  const lines = input.text.split('\n');
  if (input.text.trim() === '') return { chunks: [] };
  let segments: Segment[];
  let fallback: string | undefined;
  const windowBase = { kind: 'window' as const, symbol: '', parents: [], isDeclaration: false };
  if (input.language === 'markdown') {
    segments = markdownSegments(lines, opts.maxLines);
  } else {
    const language = await loadLanguage(input.language);
    const tree = language ? parseWithTimeout(language, input.text, opts.parseTimeoutMs) : null;
    if (tree) {
      segments = syntaxSegments(tree.rootNode, lines.length, { maxLines: opts.maxLines, mergeBelowLines: opts.mergeBelowLines });
      tree.delete();
    } else {
      if (language) fallback = `parse took longer than ${opts.parseTimeoutMs} ms`;
      segments = [];
    }
    if (segments.length === 0) segments = lineWindows(0, lines.length - 1, opts.maxLines, language ? 0 : opts.windowOverlapLines, windowBase);
  }
  return { chunks: toChunks(input, lines, segments), fallback };
}

/** Line windows only: what a file gets when its parse cannot finish (timeout, crashed worker). */
export function windowChunks(input: ChunkInput, options: ChunkOptions = {}): Chunk[] {
  const opts = { ...DEFAULTS, ...options };
  const lines = input.text.split('\n');
  const base = { kind: 'window' as const, symbol: '', parents: [], isDeclaration: false };
  return toChunks(input, lines, lineWindows(0, lines.length - 1, opts.maxLines, 0, base));
}

function toChunks(input: ChunkInput, lines: string[], segments: Segment[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const seg of segments) {
    // Trim blank lines at the edges so ranges cite code, not whitespace.
    let { start, end } = seg;
    while (start < end && lines[start].trim() === '') start++;
    while (end > start && lines[end].trim() === '') end--;
    const text = lines.slice(start, end + 1).join('\n');
    if (text.trim() === '') continue;
    chunks.push({ path: input.path, startLine: start + 1, endLine: end + 1, language: input.language, kind: seg.kind, symbol: seg.symbol, parents: seg.parents, text });
  }
  return chunks;
}

function parseWithTimeout(language: Language, text: string, timeoutMs: number) {
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    const deadline = performance.now() + timeoutMs;
    return parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
  } finally {
    parser.delete();
  }
}
