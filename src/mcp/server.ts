// `ask-codebase mcp`: the tool surface over stdio with the official MCP SDK. Stdout carries the
// protocol only; everything else goes to stderr. Ends cleanly when stdin closes or on SIGTERM.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Embedder } from '../core/embed/embedder.js';
import { AskCodebaseError } from '../core/types.js';
import type { LabelledRoot } from '../core/workspacePaths.js';
import { CodebaseTools } from './codebaseTools.js';
import { IndexKeeper } from './indexKeeper.js';
import { TOOL_DEFINITIONS, ToolInputError } from './toolDefinitions.js';

export interface McpServeOptions {
  roots: LabelledRoot[];
  dbDir: string;
  embedder: Embedder | null;
  version: string;
  readOnly?: boolean;
  log?: (message: string) => void;
}

const INSTRUCTIONS =
  'Ask Codebase: a local, always-fresh index of this codebase. Start with search_code for questions about where or how something is done ' +
  '(results are ranked and cite path:start-end), find_symbol for definitions by name, read_range to read around a result, index_status to see what is indexed.';

export async function serveMcp(options: McpServeOptions): Promise<void> {
  const log = options.log ?? ((m: string) => process.stderr.write(`ask-codebase mcp: ${m}\n`));
  const keeper = new IndexKeeper({ roots: options.roots, dbDir: options.dbDir, embedder: options.embedder, readOnly: options.readOnly, log });
  await keeper.start();
  const tools = new CodebaseTools(keeper);
  const server = new McpServer({ name: 'ask-codebase', title: 'Ask Codebase', version: options.version }, { instructions: INSTRUCTIONS });
  for (const def of TOOL_DEFINITIONS) {
    server.registerTool(
      def.name,
      { title: def.title, description: def.description, inputSchema: def.input, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (args: unknown, extra: { signal: AbortSignal }) => {
        try {
          return { content: [{ type: 'text' as const, text: await tools.call(def.name, args, extra.signal) }] };
        } catch (err) {
          const expected = err instanceof ToolInputError || err instanceof AskCodebaseError;
          if (!expected) log(`${def.name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
          const message = expected ? (err as Error).message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
          return { isError: true, content: [{ type: 'text' as const, text: message }] };
        }
      },
    );
  }

  let closing: Promise<void> | undefined;
  const shutdown = (why: string) =>
    (closing ??= (async () => {
      log(`stopping (${why})`);
      await server.close().catch(() => undefined);
      await keeper.close();
      process.exit(0);
    })());
  process.stdin.once('end', () => void shutdown('stdin closed'));
  process.stdin.once('close', () => void shutdown('stdin closed'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(new StdioServerTransport());
  log(`serving ${options.roots.map((r) => r.path).join(', ')} from ${options.dbDir}`);
}
