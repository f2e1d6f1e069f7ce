// The tools are defined once (src/mcp/toolDefinitions.ts): package.json's language-model tools
// must say exactly what the MCP server says (run scripts/sync-agent-manifest.ts after a change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { languageModelToolsManifest } from '../../../src/mcp/toolManifest.js';
import { parseToolInput, toolDefinition, ToolInputError } from '../../../src/mcp/toolDefinitions.js';

const manifest = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'));

test('package.json declares the tool surface as it is defined', () => {
  assert.deepEqual(manifest.contributes.languageModelTools, languageModelToolsManifest());
  const search = manifest.contributes.languageModelTools.find((t: { toolReferenceName: string }) => t.toolReferenceName === 'askCodebase');
  assert.equal(search.name, 'askCodebase_search_code');
  assert.deepEqual(search.inputSchema.required, ['query']);
  assert.equal(search.inputSchema.additionalProperties, false);
});

test('the same schema rejects bad input with the field named', () => {
  const def = toolDefinition('search_code');
  assert.deepEqual(parseToolInput(def, { query: 'retry', k: 3 }), { query: 'retry', k: 3 });
  assert.throws(() => parseToolInput(def, { query: 'retry', k: 0 }), (e: Error) => e instanceof ToolInputError && /k/.test(e.message));
  assert.throws(() => parseToolInput(def, { query: 'retry', extra: 1 }), /extra/);
  assert.throws(() => parseToolInput(def, undefined), /query/);
});
