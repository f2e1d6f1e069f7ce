// `ask-codebase mcp [--root R ...] [--db DIR]`: serves the index to agents over MCP (stdio).
import path from 'node:path';
import type { Command } from 'commander';
import { uniqueRootLabels } from '../core/workspacePaths.js';
import { defaultDbDir } from './dbLocation.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';

interface McpCliOptions extends EmbedderCliOptions {
  root: string[];
  db?: string;
  readOnly?: boolean;
}

export function registerMcpCommand(program: Command, version: string): void {
  const cmd = program
    .command('mcp')
    .description('serve search_code, find_symbol, read_range and index_status to agents over MCP (stdio); builds the index if needed and keeps it fresh')
    .option('--root <dir>', 'a folder to serve (repeat for several; default: the current folder)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--db <dir>', 'index folder (default: the per-user cache folder of the first root, as `index` uses)')
    .option('--read-only', 'serve the index as it is: never build, update or watch it (another server or the editor keeps it fresh)');
  addEmbedderOptions(cmd);
  cmd.action(async (opts: McpCliOptions) => {
    const roots = (opts.root.length > 0 ? opts.root : [process.cwd()]).map((r) => path.resolve(r));
    const labels = uniqueRootLabels(roots.map((r) => path.basename(r)));
    const { assertRootsReadable } = await import('../core/index/rootChecks.js');
    await assertRootsReadable(roots.map((r) => ({ path: r })));
    const { serveMcp } = await import('../mcp/server.js');
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    await serveMcp({
      roots: roots.map((r, i) => ({ path: r, label: roots.length > 1 ? labels[i] : undefined })),
      dbDir: opts.db ?? defaultDbDir(roots[0]),
      embedder,
      version,
      readOnly: Boolean(opts.readOnly),
    });
  });
}
