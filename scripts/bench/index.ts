// Indexing benchmark: cold index of a tree, then save → searchable latency for one-file edits.
// Prints numbers and writes bench-results/index-<name>.json. Run: npx tsx scripts/bench/index.ts <root> [--model=static|none] [--edits=20] [--workers=N] [--embed-workers=N]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../src/core/embed/embedder.js';
import { TransformersEmbedder } from '../../src/core/embed/transformersEmbedder.js';
import { ChunkerPool } from '../../src/core/chunk/chunkerPool.js';
import { runIndex } from '../../src/core/index/indexer.js';
import { rowEmbeddingText } from '../../src/core/index/rows.js';
import { searchIndex } from '../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { testModelDir, testModelId } from '../lib/cache.mjs';
import { sampleChunks } from '../../test/unit/helpers/storeTables.js';

const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? '.');
const flag = (name: string, def: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const modelName = flag('model', 'static');
const edits = Number(flag('edits', '20'));
const name = flag('name', path.basename(root));
/** Chunker workers for the cold build: the CLI's default (one per core); the extension uses 1. */
const workers = Number(flag('workers', String(os.availableParallelism())));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

/** Embedding workers: the CLI's default (one per core, as for chunking); the extension uses 1. */
const embedWorkers = Number(flag('embed-workers', String(workers)));
const embedder: Embedder | null = modelName === 'static'
  ? await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelDir, allowRemote: false, workers: embedWorkers })
  : null;
const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-bench-'));
const t0 = performance.now();
const cold = await runIndex({ roots: [{ path: root }], dbDir, embedder, workers });
const coldMs = performance.now() - t0;
// Chunks are stored and the keyword index built before any embedding starts.
const keywordSearchableMs = cold.keywordReadyMs;
const stats = await IndexStore.readStats(dbDir);

// Model-only throughput on (a sample of) the same chunks, embedded directly.
let modelOnlyChunksPerSec: number | undefined;
if (embedder) {
  const store = await IndexStore.openExisting(dbDir);
  const sample = (await sampleChunks(store, 2_000)).map((r) => embedder.documentPrefix + rowEmbeddingText(r));
  await store.close();
  const m0 = performance.now();
  await embedder.embed(sample);
  modelOnlyChunksPerSec = sample.length / ((performance.now() - m0) / 1000);
}

// Save → searchable: append a unique identifier to one indexed file, update, and search for it.
const candidates = (await (async () => {
  const store = await IndexStore.openExisting(dbDir);
  const list = (await store.listFiles()).filter(([p, f]) => f.status !== 'skipped' && /\.(ts|js|py|go|c|rs|java)$/.test(p)).map(([p]) => p);
  await store.close();
  return list;
})());
const latencies: number[] = [];
/** Edits whose marker the search (k = 1) found in the edited file: what "searchable" means. */
let foundFirst = 0;
// A long-lived chunker, as the extension keeps one while a window is open.
const chunker = new ChunkerPool({ workers: 1 });
for (let i = 0; i < Math.min(edits, candidates.length); i++) {
  const rel = candidates[Math.floor((i * candidates.length) / edits)];
  const abs = path.join(root, rel);
  const original = await fs.readFile(abs, 'utf8');
  const marker = `benchMarker${i}x${Date.now()}`;
  await fs.writeFile(abs, `${original}\n// ${marker}\n`);
  const s = performance.now();
  await runIndex({ roots: [{ path: root }], dbDir, embedder, onlyPaths: [rel], chunker });
  const store = await IndexStore.openExisting(dbDir);
  const hit = (await searchIndex(store, marker, { mode: 'keyword', k: 1, priors: false })).chunks[0];
  await store.close();
  latencies.push(performance.now() - s);
  await fs.writeFile(abs, original);
  // Untimed: put the file back in the index too, so no earlier marker competes with the next one.
  await runIndex({ roots: [{ path: root }], dbDir, embedder, onlyPaths: [rel], chunker });
  if (hit?.path === rel) foundFirst++;
  else console.error(`edit ${i}: ${marker} not found at ${rel} (got ${hit?.path})`);
}
await chunker.close();
// Restore the index to the original contents.
await runIndex({ roots: [{ path: root }], dbDir, embedder });
clearInterval(sampler);
await embedder?.dispose();

const sourceBytes = await (async () => {
  let total = 0;
  const store = await IndexStore.openExisting(dbDir);
  for (const [, f] of await store.listFiles()) total += f.size;
  await store.close();
  return total;
})();
const report = {
  name, root, model: embedder?.id ?? 'none', workers, embedWorkers: embedder ? embedWorkers : null, date: new Date().toISOString(), cpus: os.cpus().length,
  files: stats.files, skipped: stats.skippedTotal, chunks: stats.chunks,
  coldSeconds: coldMs / 1000,
  filesPerSecond: stats.files / (cold.keywordReadyMs / 1000),
  chunksPerSecondToKeyword: stats.chunks / (cold.keywordReadyMs / 1000),
  keywordSearchableSeconds: keywordSearchableMs / 1000,
  fullyEmbeddedSeconds: embedder ? coldMs / 1000 : null,
  endToEndChunksPerSecond: embedder ? stats.chunks / (coldMs / 1000) : null,
  modelOnlyChunksPerSecond: modelOnlyChunksPerSec ?? null,
  ratioEndToEndOverModelOnly: embedder && modelOnlyChunksPerSec ? stats.chunks / (coldMs / 1000) / modelOnlyChunksPerSec : null,
  peakRssMB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024,
  indexDiskMB: stats.diskBytes / 1024 / 1024,
  sourceMB: sourceBytes / 1024 / 1024,
  diskOverSource: stats.diskBytes / sourceBytes,
  saveToSearchableMs: latencies.length ? { n: latencies.length, foundFirst, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95) } : null,
};
console.log(JSON.stringify(report, null, 2));
await fs.mkdir('bench-results', { recursive: true });
await fs.writeFile(path.join('bench-results', `index-${name}.json`), JSON.stringify(report, null, 2));
await fs.rm(dbDir, { recursive: true, force: true });
