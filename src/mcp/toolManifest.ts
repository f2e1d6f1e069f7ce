// The tool surface as VS Code's `contributes.languageModelTools` declares it (package.json).
import { toolJsonSchema, TOOL_DEFINITIONS, type ToolName } from './toolDefinitions.js';

/** `#askCodebase` is the search; the others get their own short references. */
const REFERENCE_NAMES: Record<ToolName, string> = {
  search_code: 'askCodebase',
  find_symbol: 'askCodebaseSymbol',
  read_range: 'askCodebaseRead',
  index_status: 'askCodebaseStatus',
};
const ICONS: Record<ToolName, string> = { search_code: '$(search)', find_symbol: '$(symbol-method)', read_range: '$(file-code)', index_status: '$(database)' };

export function languageModelToolsManifest(): Record<string, unknown>[] {
  return TOOL_DEFINITIONS.map((def) => ({
    name: `askCodebase_${def.name}`,
    toolReferenceName: REFERENCE_NAMES[def.name],
    displayName: `Ask Codebase: ${def.title}`,
    userDescription: def.title,
    modelDescription: def.description,
    canBeReferencedInPrompt: true,
    icon: ICONS[def.name],
    tags: ['codebase', 'search', 'askCodebase'],
    inputSchema: toolJsonSchema(def),
  }));
}
