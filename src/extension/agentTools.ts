// Agents in VS Code call the same four tools as MCP clients: as language-model tools (Copilot's
// agent mode, `#askCodebase`) and through an MCP server definition VS Code finds on its own.
import path from 'node:path';
import * as vscode from 'vscode';
import { CodebaseTools, type IndexAccess } from '../mcp/codebaseTools.js';
import { TOOL_DEFINITIONS, ToolInputError, type ToolName } from '../mcp/toolDefinitions.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

/** Language-model tool names in package.json: `askCodebase_<tool>`. */
export const lmToolName = (tool: ToolName) => `askCodebase_${tool}`;
export const MCP_PROVIDER_ID = 'askCodebase.mcpServer';

/** The editor's index as the tools reach it: opened per call, kept fresh by the editor itself. */
export function editorIndexAccess(index: WorkspaceIndex): IndexAccess {
  return {
    roots: () => index.roots(),
    embedder: () => index.currentEmbedder(),
    withStore: async (fn) => {
      const store = await index.openStore();
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    },
    freshness: () => {
      const s = index.state;
      return s.state === 'ready' ? 'up to date' : s.state === 'indexing' ? 'being updated (results may miss files not reached yet)' : s.state === 'error' ? `not updated (${s.message})` : 'not built yet';
    },
  };
}

/** What the confirmation line in chat says before a tool runs. */
function invocationMessage(tool: ToolName, input: Record<string, unknown>): string {
  const clip = (v: unknown) => String(v ?? '').slice(0, 80);
  switch (tool) {
    case 'search_code': return `Searching the codebase index for "${clip(input.query)}"`;
    case 'find_symbol': return `Looking up definitions named "${clip(input.name)}"`;
    case 'read_range': return `Reading ${clip(input.path)}:${clip(input.start)}-${clip(input.end)}`;
    case 'index_status': return 'Reading the index status';
  }
}

export function registerLanguageModelTools(tools: CodebaseTools): vscode.Disposable[] {
  return TOOL_DEFINITIONS.map((def) =>
    vscode.lm.registerTool<Record<string, unknown>>(lmToolName(def.name), {
      prepareInvocation: (options) => ({ invocationMessage: invocationMessage(def.name, options.input ?? {}) }),
      invoke: async (options, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const text = await tools.call(def.name, options.input, abort.signal);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
        } catch (err) {
          // The message goes back to the model, which can correct its arguments.
          if (err instanceof ToolInputError) throw new Error(err.message);
          throw err;
        } finally {
          sub.dispose();
        }
      },
    }),
  );
}

/** `ask-codebase mcp --read-only` on the editor's own index (the editor keeps it fresh). */
export function registerMcpServer(index: WorkspaceIndex, extensionUri: vscode.Uri, version: string): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.McpServerDefinitionProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      const roots = index.roots();
      if (roots.length === 0) return [];
      const cli = path.join(extensionUri.fsPath, 'dist', 'cli.cjs');
      const args = [cli, 'mcp', '--read-only', '--db', index.dbDir, ...roots.flatMap((r) => ['--root', r.path])];
      // The editor's own runtime runs the CLI (Electron needs ELECTRON_RUN_AS_NODE to act as Node).
      return [new vscode.McpStdioServerDefinition('Ask Codebase', process.execPath, args, { ELECTRON_RUN_AS_NODE: '1' }, version)];
    },
  };
  return [changed, vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider), vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire())];
}
