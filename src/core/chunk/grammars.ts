// Where each language's tree-sitter grammar (WASM) comes from. The build copies them into
// dist/grammars; from source they are read out of the grammar packages in node_modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import modules from './grammarModules.json' with { type: 'json' };

/** language id (from the scanner) → grammar file inside its npm package */
export const grammarModules: Record<string, string> = modules;

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export function grammarPath(language: string): string | undefined {
  const module = grammarModules[language];
  if (!module) return undefined;
  const bundled = path.join(here, 'grammars', path.basename(module));
  if (existsSync(bundled)) return bundled;
  return require.resolve(module);
}
