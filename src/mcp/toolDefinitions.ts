// The one tool surface agents call: names, input schemas and descriptions written for a model to
// read. The MCP server registers these; the VS Code extension registers the same tools as
// language-model tools, whose `inputSchema` in package.json is generated from here (a unit test
// fails when the two differ).
import * as z from 'zod';

export const CONTENT_KINDS = ['code', 'test', 'docs', 'data'] as const;
export const SYMBOL_KINDS = ['function', 'method', 'class', 'interface', 'type', 'enum', 'module', 'section'] as const;

/** Longest query kept: a question or a pasted error, not a file. */
export const MAX_QUERY_CHARS = 4_000;
export const MAX_RESULTS = 50;
export const MIN_BUDGET_TOKENS = 200;
export const MAX_BUDGET_TOKENS = 32_000;
export const DEFAULT_BUDGET_TOKENS = 2_000;
/** Lines read_range returns at most in one call. */
export const MAX_RANGE_LINES = 400;

export const searchCodeInput = {
  query: z.string().min(1).max(MAX_QUERY_CHARS)
    .describe('What to find, in plain words or with identifiers, e.g. "where are retries with backoff scheduled" or "parseConfig error handling".'),
  k: z.number().int().min(1).max(MAX_RESULTS).optional()
    .describe(`Most results to return (1-${MAX_RESULTS}). Default: as many as the budget holds in short form (budget_tokens / 80, at least 10).`),
  paths: z.array(z.string().min(1).max(200)).max(20).optional()
    .describe('Only results whose path matches one of these gitignore-style patterns, e.g. ["src/", "*.py", "packages/*/src/"].'),
  kinds: z.array(z.enum(CONTENT_KINDS)).min(1).optional()
    .describe('Only these kinds of files: code, test, docs, data. Default: code first, then docs and data.'),
  budget_tokens: z.number().int().min(MIN_BUDGET_TOKENS).max(MAX_BUDGET_TOKENS).optional()
    .describe(`Most tokens of output (${MIN_BUDGET_TOKENS}-${MAX_BUDGET_TOKENS}, default ${DEFAULT_BUDGET_TOKENS}). Half goes to the best hits shown whole, the rest to the signature and matching lines of as many more hits as fit.`),
};

export const findSymbolInput = {
  name: z.string().min(1).max(200).describe('The symbol name, exact or approximate, e.g. "QueryClient", "parse_config", "retry".'),
  kind: z.enum(SYMBOL_KINDS).optional().describe('Only definitions of this kind.'),
};

export const readRangeInput = {
  path: z.string().min(1).max(1_000).describe('A path as search_code or find_symbol print it (relative to the indexed folder).'),
  start: z.number().int().min(1).describe('First line, 1-based.'),
  end: z.number().int().min(1).describe(`Last line, inclusive; at most ${MAX_RANGE_LINES} lines per call.`),
};

export const indexStatusInput = {};

export const TOOL_NAMES = ['search_code', 'find_symbol', 'read_range', 'index_status'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface ToolDefinition {
  name: ToolName;
  title: string;
  description: string;
  input: z.ZodRawShape;
}

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'search_code',
    title: 'Search the codebase',
    description:
      'Ranked search over a local index of this codebase (keywords, symbols, code structure; vectors when enabled), fresher and more precise than grep. ' +
      'Returns results best first as `path:start-end symbol (kind) — why` followed by numbered lines, packed into budget_tokens: the best hits whole (within half the budget), ' +
      'every other hit as its signature and the lines matching the query. Use it first for "where/how is X done" questions, then read_range to read more around a result.',
    input: searchCodeInput,
  },
  {
    name: 'find_symbol',
    title: 'Find a definition',
    description: 'Definitions (functions, classes, methods, types...) by exact or approximate name, as `path:start-end kind symbol` with the signature line. Exact matches come first.',
    input: findSymbolInput,
  },
  {
    name: 'read_range',
    title: 'Read lines of a file',
    description:
      'The current text of lines start-end of an indexed file, numbered, with a note when the file changed since it was indexed. ' +
      'Only files inside the indexed folders that the index admits (no ignored files, secrets or links out of the folder).',
    input: readRangeInput,
  },
  {
    name: 'index_status',
    title: 'Index status',
    description: 'What the index holds: folders, files, chunks, languages, when it was last updated, whether vector search is on, and which files were skipped and why.',
    input: indexStatusInput,
  },
];

export type SearchCodeArgs = z.infer<z.ZodObject<typeof searchCodeInput>>;
export type FindSymbolArgs = z.infer<z.ZodObject<typeof findSymbolInput>>;
export type ReadRangeArgs = z.infer<z.ZodObject<typeof readRangeInput>>;

/** The JSON schema of a tool's input, as package.json's `languageModelTools` declares it. */
export function toolJsonSchema(def: ToolDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(z.object(def.input).strict(), { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** Parses a tool's arguments with its schema; the error names every bad field. */
export function parseToolInput<T>(def: ToolDefinition, input: unknown): T {
  const parsed = z.object(def.input).strict().safeParse(input ?? {});
  if (!parsed.success) throw new ToolInputError(`Invalid arguments for ${def.name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data as T;
}

export class ToolInputError extends Error {}

export function toolDefinition(name: ToolName): ToolDefinition {
  return TOOL_DEFINITIONS.find((d) => d.name === name)!;
}
