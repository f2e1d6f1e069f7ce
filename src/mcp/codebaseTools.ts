// The four tools over the engine, as text an agent reads. The MCP server and the VS Code
// language-model tools both call these; only how the index is reached differs (IndexAccess).
import ignore from 'ignore';
import { signatureLines } from '../core/answer/codeSummary.js';
import type { Embedder } from '../core/embed/embedder.js';
import { analyzeQuery } from '../core/retrieve/queryAnalysis.js';
import { searchIndex } from '../core/retrieve/searchIndex.js';
import type { RetrievedChunk } from '../core/retrieve/types.js';
import type { IndexStore } from '../core/store/indexStore.js';
import type { ChunkRow } from '../core/store/schema.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import type { ContentKind } from '../core/scan/contentKind.js';
import type { ChunkKind } from '../core/types.js';
import { packResults } from './packResults.js';
import { readSafeFile } from './safeRange.js';
import {
  DEFAULT_BUDGET_TOKENS, MAX_RANGE_LINES, MAX_RESULTS, parseToolInput, toolDefinition, ToolInputError,
  type FindSymbolArgs, type ReadRangeArgs, type SearchCodeArgs, type ToolName,
} from './toolDefinitions.js';

export interface IndexAccess {
  roots(): LabelledRoot[];
  /** Runs `fn` with the index open for reading. */
  withStore<T>(fn: (store: IndexStore) => Promise<T>): Promise<T>;
  /** The configured embedding model (vectors are used only when the index was built with it). */
  embedder(): Promise<Embedder | null>;
  /** One line on how fresh the index is ("up to date", "updating 3 changed files", ...). */
  freshness(): string;
}

/** Without `k`, as many results as the budget holds in short form (~60–90 tokens each), at least 10. */
const TOKENS_PER_SHORT_HIT = 80;
const MIN_DEFAULT_K = 10;
/** With path or kind filters, this many ranked chunks are looked through for matches. */
const FILTERED_DEPTH = 200;
const FIND_SYMBOL_LIMIT = 20;
/** Tokens kept for the first line of search_code's output. */
const SEARCH_PREAMBLE = 'search_code: 30 of 30 results for "…", 2000 of 2000 tokens; index up to date';

export class CodebaseTools {
  constructor(private readonly access: IndexAccess) {}

  /** Validates and runs a tool by name; bad input throws ToolInputError with the reason. */
  async call(name: ToolName, input: unknown, signal?: AbortSignal): Promise<string> {
    const def = toolDefinition(name);
    switch (name) {
      case 'search_code': return this.searchCode(parseToolInput<SearchCodeArgs>(def, input), signal);
      case 'find_symbol': return this.findSymbol(parseToolInput<FindSymbolArgs>(def, input), signal);
      case 'read_range': return this.readRange(parseToolInput<ReadRangeArgs>(def, input));
      case 'index_status': return this.indexStatus(parseToolInput(def, input));
    }
  }

  async searchCode(args: SearchCodeArgs, signal?: AbortSignal): Promise<string> {
    const budget = args.budget_tokens ?? DEFAULT_BUDGET_TOKENS;
    const k = args.k ?? Math.min(MAX_RESULTS, Math.max(MIN_DEFAULT_K, Math.floor(budget / TOKENS_PER_SHORT_HIT)));
    const analysis = analyzeQuery(args.query);
    const wanted = resultFilter(args);
    const embedder = await this.access.embedder().catch(() => null);
    const found = await this.access.withStore((store) => searchIndex(store, args.query, { k: wanted ? FILTERED_DEPTH : k, embedder, signal }));
    const hits = (wanted ? found.chunks.filter(wanted) : found.chunks).slice(0, k);
    const notes = found.warnings.map((w) => `note: ${w}`);
    const packed = packResults(hits, analysis.terms, budget, [SEARCH_PREAMBLE, ...notes].join('\n'));
    const more = packed.omitted > 0 ? `; ${packed.omitted} more did not fit (raise budget_tokens or narrow with paths)` : '';
    const first = `search_code: ${packed.results.length} of ${hits.length} results for "${clip(args.query, 80)}", ${packed.usedTokens} of ${budget} tokens${more}; index ${this.access.freshness()}`;
    if (hits.length === 0) return [first, ...notes, wanted ? 'No results match the paths/kinds filter.' : 'No results.'].join('\n');
    return [first, ...notes, packed.text].join('\n');
  }

  async findSymbol(args: FindSymbolArgs, signal?: AbortSignal): Promise<string> {
    const name = args.name.trim();
    const lower = name.toLowerCase();
    const ofKind = (kind: string) => !args.kind || kind === args.kind;
    const rows = await this.access.withStore(async (store) => {
      const exact = (await store.chunksBySymbol([name], FIND_SYMBOL_LIMIT * 2)).filter((r) => ofKind(r.kind));
      const seen = new Set(exact.map((r) => r.id));
      // Approximate: what a keyword search on the name finds, keeping chunks whose symbol resembles it.
      const near = exact.length >= FIND_SYMBOL_LIMIT ? [] : (await searchIndex(store, name, { k: 60, signal }).catch(() => ({ chunks: [] as RetrievedChunk[] }))).chunks
        .filter((c) => c.symbol && !seen.has(c.id) && ofKind(c.kind) && resembles(c.symbol.toLowerCase(), lower));
      return [...exact.sort((a, b) => a.path.localeCompare(b.path) || a.start_line - b.start_line).map(fromRow), ...near].slice(0, FIND_SYMBOL_LIMIT);
    });
    if (rows.length === 0) return `find_symbol: no definition named like "${clip(name, 80)}"${args.kind ? ` of kind ${args.kind}` : ''}. Try search_code with a description.`;
    const lines = rows.map((c) => {
      const sig = signature(c);
      const parents = c.parents.length ? ` in ${c.parents.join(' › ')}` : '';
      return `${c.path}:${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}${parents}${c.symbol === name ? '' : ' (approximate)'}${sig ? `\n  ${sig}` : ''}`;
    });
    return [`find_symbol: ${rows.length} definition${rows.length === 1 ? '' : 's'} for "${clip(name, 80)}"`, ...lines].join('\n');
  }

  async readRange(args: ReadRangeArgs): Promise<string> {
    if (args.end < args.start) throw new ToolInputError(`end (${args.end}) is before start (${args.start}).`);
    if (args.end - args.start + 1 > MAX_RANGE_LINES) throw new ToolInputError(`At most ${MAX_RANGE_LINES} lines per call; asked for ${args.end - args.start + 1}.`);
    const file = await readSafeFile(this.access.roots(), args.path);
    const lines = new TextDecoder().decode(file.bytes).split(/\r?\n/);
    if (args.start > lines.length) throw new ToolInputError(`${file.storePath} has ${lines.length} lines; start ${args.start} is past its end.`);
    const end = Math.min(args.end, lines.length);
    const indexed = await this.access.withStore((store) => store.chunksOfFile(file.storePath));
    const state = indexed.length === 0 ? 'not in the index (new, or holds no searchable text)' : indexed[0].file_hash === file.sha256 ? 'unchanged since indexing' : 'CHANGED since indexing (search results may point at old lines)';
    const body = lines.slice(args.start - 1, end).map((t, i) => `${args.start + i}: ${t}`);
    return [`read_range: ${file.storePath}:${args.start}-${end} of ${lines.length} lines; ${state}`, ...body].join('\n');
  }

  async indexStatus(_args: unknown): Promise<string> {
    const stats = await this.access.withStore((store) => store.stats());
    const skipped = Object.entries(stats.skippedByReason).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    const languages = Object.entries(stats.languages).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, n]) => `${l} ${n}`).join(', ');
    const vectors = stats.dimension > 0 ? `on (${stats.embedderId}, ${stats.chunksWithVectors} of ${stats.chunks} chunks embedded)` : 'off (keyword + symbol + structure search; no embedding model)';
    return [
      `index_status: ${this.access.freshness()}`,
      `folders: ${this.access.roots().map((r) => (r.label ? `${r.label} = ${r.path}` : r.path)).join('; ')}`,
      `files: ${stats.files} indexed, ${stats.skippedTotal} skipped${skipped ? ` (${skipped})` : ''}`,
      `chunks: ${stats.chunks}; languages: ${languages || 'none'}`,
      `vectors: ${vectors}`,
      `last updated: ${stats.updatedAt ?? 'never'}`,
      'never served: ignored files (.gitignore, .ignore, .askcodebaseignore), secrets, dependencies, build output, binary and oversized files, links out of the folders',
    ].join('\n');
  }
}

function resultFilter(args: SearchCodeArgs): ((c: RetrievedChunk) => boolean) | undefined {
  if (!args.paths && !args.kinds) return undefined;
  const matcher = args.paths ? ignore().add(args.paths) : undefined;
  return (c) => (!args.kinds || args.kinds.includes(c.contentKind)) && (!matcher || matcher.ignores(c.path));
}

function resembles(symbol: string, name: string): boolean {
  const bare = (s: string) => s.replace(/[_\-$.]/g, '');
  return symbol.includes(name) || name.includes(symbol) || bare(symbol).includes(bare(name));
}

function fromRow(r: ChunkRow): RetrievedChunk {
  return {
    id: r.id, path: r.path, startLine: r.start_line, endLine: r.end_line, language: r.language, kind: r.kind as ChunkKind, contentKind: r.content_kind as ContentKind,
    symbol: r.symbol, parents: r.parents ? r.parents.split(' › ') : [], text: r.text, contentHash: r.content_hash, score: 0, signals: {}, otherLocations: [],
  };
}

/** The declaration line, found as the chat answer finds it; empty when no line names the symbol. */
function signature(c: RetrievedChunk): string {
  const { offset } = signatureLines(c.text, c.symbol);
  const line = offset < 0 ? undefined : c.text.split('\n')[offset];
  return line?.includes(c.symbol) ? `${c.startLine + offset}: ${clip(line.trim(), 160)}` : '';
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}
