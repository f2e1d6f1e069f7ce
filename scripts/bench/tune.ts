// Self-evaluation cost against the build it follows: builds a keyword index of a tree (cold, a
// fresh index), then runs the tuner the way `ask-codebase index` does (budget 10 % of the build)
// and once more without a budget (what the full pair set and grid cost). Peak RSS is read after
// the build and after each tuning run (the process's high-water mark).
// Usage: npx tsx scripts/bench/tune.ts <tree> [--git DIR --rev COMMIT] [--db DIR [--build-ms MS]] [--out bench-results/tune.json]
import '../../src/core/store/lanceEnv.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIndex } from '../../src/core/index/indexer.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { tuneIndex, type TuningReport } from '../../src/core/tune/tuneIndex.js';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const tree = process.argv[2];
if (!tree || tree.startsWith('--')) throw new Error('usage: tune.ts <tree> [--git DIR --rev COMMIT] [--db DIR] [--out FILE]');
const out = arg('out', 'bench-results/tune.json')!;
const git = arg('git') || arg('rev') ? { dir: arg('git'), rev: arg('rev') } : undefined;
const dbDir = arg('db') ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'acb-bench-tune-')));
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

// --build-ms: reuse an index built by an earlier run of this script (its build time given).
const given = arg('build-ms');
const build = given ? { totalMs: Number(given), keywordReadyMs: Number(given) } : await runIndex({ roots: [{ path: path.resolve(tree) }], dbDir, embedder: null, workers: os.availableParallelism() });
const stats = await IndexStore.readStats(dbDir);
const peakAfterBuild = rssMb();
console.log(`build: ${stats.files} files, ${stats.chunks} chunks, keyword-searchable ${(build.keywordReadyMs / 1000).toFixed(1)} s, done ${(build.totalMs / 1000).toFixed(1)} s, peak RSS ${peakAfterBuild} MB`);

const runs: Record<string, TuningReport & { peakRssMb: number }> = {};
const store = await IndexStore.openExisting(dbDir);
for (const [name, budgetMs] of [['budget 10 %', build.totalMs * 0.1], ['no budget', 120_000]] as const) {
  const r = await tuneIndex(store, path.resolve(tree), { git, budgetMs, save: false });
  runs[name] = { ...r, peakRssMb: rssMb() };
  console.log(`${name}: ${(r.ms / 1000).toFixed(2)} s of ${(r.budgetMs / 1000).toFixed(2)} s (${((100 * r.ms) / build.totalMs).toFixed(1)} % of the build); pairs ${r.pairs.commit} commit + ${r.pairs.doc} doc; phases ${JSON.stringify(r.phasesMs)}; ${r.status}: ${r.reason}; peak RSS ${rssMb()} MB`);
}
await store.close();
await fs.mkdir(path.dirname(out), { recursive: true });
await fs.writeFile(out, JSON.stringify({ tree: path.basename(tree), files: stats.files, chunks: stats.chunks, buildMs: build.totalMs, keywordReadyMs: build.keywordReadyMs, peakAfterBuildMb: peakAfterBuild, runs }, null, 2));
console.log(`report: ${out}`);
