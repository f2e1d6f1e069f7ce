// Writes the language-model tools of package.json (`contributes.languageModelTools`) from the one
// tool surface in src/mcp/toolDefinitions.ts; test/unit/mcp/toolManifest.test.ts fails when they differ.
// Usage: npx tsx scripts/sync-agent-manifest.ts
import fs from 'node:fs';
import { languageModelToolsManifest } from '../src/mcp/toolManifest.js';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
manifest.contributes.languageModelTools = languageModelToolsManifest();
fs.writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`package.json: ${manifest.contributes.languageModelTools.length} language-model tools`);
