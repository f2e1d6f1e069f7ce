// Example questions for the empty chat, drawn from the indexed repository: its biggest top-level
// declarations and its main folder, so a click asks something this code can answer.
import fs from 'node:fs/promises';
import { contentKindOf } from '../core/scan/contentKind.js';
import type { IndexStore } from '../core/store/indexStore.js';

/** Before anything is indexed. */
export const FALLBACK_EXAMPLES = [
  'Where is the configuration loaded?',
  'How are errors reported to the user?',
  'What happens when a request is retried?',
];

/** Declarations worth asking about; a section or window of lines is not one. */
const DECLARATION_KINDS = new Set(['class', 'function', 'method', 'interface', 'type', 'module', 'enum']);

export async function exampleQuestions(store: IndexStore): Promise<string[]> {
  const files = (await store.listFiles())
    .filter(([p, f]) => f.status !== 'skipped' && f.chunkCount > 0 && contentKindOf(p) === 'code')
    .sort((a, b) => b[1].chunkCount - a[1].chunkCount || a[0].localeCompare(b[0]));
  if (files.length === 0) return FALLBACK_EXAMPLES;
  const out: string[] = [];
  const templates = [(s: string) => `How does \`${s}\` work?`, (s: string) => `Where is \`${s}\` used?`];
  for (const [file] of files.slice(0, 6)) {
    if (out.length === templates.length) break;
    const top = (await store.chunksOfFile(file))
      .filter((c) => c.symbol && !c.parents && DECLARATION_KINDS.has(c.kind) && /^[A-Za-z_$][\w$.]*$/.test(c.symbol))
      .sort((a, b) => b.end_line - b.start_line - (a.end_line - a.start_line))[0];
    if (top && !out.some((q) => q.includes(`\`${top.symbol}\``))) out.push(templates[out.length](top.symbol));
  }
  const folder = mainFolder(files.map(([p]) => p));
  if (folder) out.push(`What is the code in \`${folder}/\` for?`);
  return out.length ? out : FALLBACK_EXAMPLES;
}

/** The folder (one or two levels deep) holding the most code files, if any holds most of them. */
function mainFolder(paths: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const parts = p.split('/');
    if (parts.length < 2) continue;
    const key = parts.length > 2 && ['src', 'lib', 'packages', 'pkg', 'internal'].includes(parts[0]) ? `${parts[0]}/${parts[1]}` : parts[0];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The examples of the current index, worked out again after each completed run. */
export class ExampleQuestions {
  private examples: string[] = FALLBACK_EXAMPLES;

  constructor(private readonly dbDir: string) {}

  get current(): string[] {
    return this.examples;
  }

  async refresh(): Promise<void> {
    try {
      // Opening a store creates its folder: a cleared index must stay gone.
      await fs.access(this.dbDir);
      const { IndexStore } = await import('../core/store/indexStore.js');
      const store = await IndexStore.openExisting(this.dbDir);
      try {
        this.examples = await exampleQuestions(store);
      } finally {
        await store.close();
      }
    } catch {
      // No index (cleared, or not built yet): the general examples.
      this.examples = FALLBACK_EXAMPLES;
    }
  }
}
