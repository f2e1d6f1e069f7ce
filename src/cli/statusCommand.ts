// `ask-codebase status`: what an index holds, what it skipped and why, and how big it is.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AskCodebaseError } from '../core/types.js';
import { defaultDbDir } from './dbLocation.js';
import { AUTO_KEYWORD_ONLY_KEY } from './embedderOptions.js';
import { parseSavedReport, tuningLines } from './tuningText.js';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show what an index holds: files, chunks, skipped files by reason, languages, model, disk size')
    .option('--db <dir>', 'index folder')
    .option('--root <dir>', 'the indexed folder (finds its default index folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; root?: string; json?: boolean }) => {
      const dbDir = opts.db ?? defaultDbDir(opts.root ?? process.cwd());
      if (!fs.existsSync(dbDir)) {
        throw new AskCodebaseError('no-index', `No index at ${dbDir}. Build one with: ask-codebase index <folder>${opts.db ? ` --db ${opts.db}` : ''}`);
      }
      const { IndexStore } = await import('../core/store/indexStore.js');
      const stats = await IndexStore.readStats(dbDir, { check: true });
      const problems = stats.problems ?? [];
      const keywordOnly = stats.dimension > 0 || problems.length > 0 ? undefined : await autoModelUnavailable(dbDir);
      if (opts.json) {
        const { selfTuning, ...rest } = stats;
        process.stdout.write(JSON.stringify({ dbDir, ...rest, ...(keywordOnly ? { keywordOnly } : {}), selfTuning: parseSavedReport(selfTuning) ?? null }) + '\n');
        return;
      }
      const mb = (b: number) => (b / 1024 / 1024).toFixed(1) + ' MB';
      const lines = [
        `Index:     ${dbDir}`,
        `Files:     ${stats.files} indexed, ${stats.skippedTotal} skipped`,
        `Chunks:    ${stats.chunks} (${stats.chunksWithVectors} with vectors)`,
        `Model:     ${stats.embedderId === 'none' ? `none (keyword + symbol search${keywordOnly ? `; --model auto could not load its model: ${keywordOnly}` : ''})` : `${stats.embedderId} (${stats.dimension}-d)`}`,
        `Disk:      ${mb(stats.diskBytes)}`,
        `Updated:   ${stats.updatedAt ?? 'never'}`,
        `Languages: ${Object.entries(stats.languages).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ') || '-'}`,
        `Skipped:   ${Object.entries(stats.skippedByReason).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ') || '-'}`,
        `Health:    ${problems.length === 0 ? 'ok' : `DAMAGED: ${problems.join('; ')}. Run \`ask-codebase index <folder> --db ${dbDir}\` to repair it.`}`,
      ];
      const tuning = parseSavedReport(stats.selfTuning);
      lines.push(...(tuning ? tuningLines(tuning) : ['Self-tuning: not run yet (global defaults); run `ask-codebase tune --root <folder>`']));
      process.stdout.write(lines.join('\n') + '\n');
    });
}

/** Why the last `index --model auto` stayed keyword-only, if it did. */
async function autoModelUnavailable(dbDir: string): Promise<string | undefined> {
  const { IndexStore } = await import('../core/store/indexStore.js');
  const store = await IndexStore.openExisting(dbDir);
  try {
    return (await store.readMetaValue(AUTO_KEYWORD_ONLY_KEY)) || undefined;
  } finally {
    await store.close();
  }
}
