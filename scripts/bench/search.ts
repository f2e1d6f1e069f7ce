// Search latency benchmark: ~100 questions against an existing index (e.g. ≥10k files), warm,
// one at a time, through the product's searchIndex (keyword + symbol + composition). With
// --model, each question is also embedded by that model, and the per-query sum is reported too
// (an index without vectors cannot run the vector search itself).
// Usage: npx tsx scripts/bench/search.ts --db DIR [--queries 100] [--model static] [--out bench-results/search.json]
import '../../src/core/store/lanceEnv.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TransformersEmbedder } from '../../src/core/embed/transformersEmbedder.js';
import { percentile } from '../../src/core/eval/metrics.js';
import { searchIndex } from '../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import type { ChunkRow } from '../../src/core/store/schema.js';
import { testModelId, testModelRoot } from '../../test/unit/helpers/testModel.js';
import { sampleChunks } from '../../test/unit/helpers/storeTables.js';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dbDir = arg('db');
if (!dbDir) throw new Error('usage: search.ts --db DIR [--queries 100] [--model static] [--out FILE]');
const N = Number(arg('queries', '100'));
const out = arg('out', 'bench-results/search.json')!;
const useModel = arg('model', 'none') === 'static';

const words = (s: string) => s.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])|_/).filter((w) => w.length >= 3).map((w) => w.toLowerCase());
const TEMPLATES = [
  (sym: string) => `where is ${words(sym).join(' ')} handled`,
  (sym: string, ids: string[]) => `how does ${sym} use ${ids.slice(0, 2).join(' and ')}?`,
  (sym: string, ids: string[]) => `Fix: ${words(sym).join(' ')} fails when ${ids.slice(0, 3).flatMap(words).join(' ')} is not set\n\nThe ${ids[0] ?? sym} path returns early and the caller never sees the error; handle it like the other cases.`,
  (sym: string) => `${sym}`,
];

/** Deterministic questions made from the index's own declarations (spread over the table). */
function questions(rows: ChunkRow[], n: number): { q: string; path: string }[] {
  const named = rows.filter((r) => r.symbol && r.symbol.length >= 4);
  const step = Math.max(1, Math.floor(named.length / n));
  const qs: { q: string; path: string }[] = [];
  for (let i = 0; qs.length < n && i < named.length; i += step) {
    const r = named[i];
    const ids = [...new Set(r.text.match(/[A-Za-z_][A-Za-z0-9_]{4,}/g) ?? [])].filter((x) => x !== r.symbol).slice(0, 6);
    qs.push({ q: TEMPLATES[qs.length % TEMPLATES.length](r.symbol, ids), path: r.path });
  }
  return qs;
}

const store = await IndexStore.openExisting(dbDir);
const stats = await store.stats();
const qs = questions(await sampleChunks(store, 20_000), N);
const embedder = useModel ? await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false }) : null;

const coldStart = performance.now();
await searchIndex(store, 'open file descriptor reference count');
const coldMs = performance.now() - coldStart;
for (const { q } of qs.slice(0, 5)) await searchIndex(store, q); // warm-up, not measured

const total: number[] = [];
const embedMs: number[] = [];
const stages: Record<string, number[]> = {};
let sourceInTop10 = 0;
for (const { q, path: source } of qs) {
  let e = 0;
  if (embedder) {
    const s = performance.now();
    await embedder.embed([embedder.queryPrefix + q]);
    e = performance.now() - s;
    embedMs.push(e);
  }
  const s = performance.now();
  const r = await searchIndex(store, q, { k: 10 });
  total.push(performance.now() - s + e);
  for (const [name, ms] of Object.entries(r.timingsMs)) (stages[name] ??= []).push(ms);
  if (r.chunks.some((c) => c.path === source)) sourceInTop10++;
}
await embedder?.dispose();
await store.close();

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => Number(percentile(sorted(xs), q).toFixed(1));
const report = {
  db: path.resolve(dbDir), files: stats.files, chunks: stats.chunks, queries: qs.length, model: useModel ? testModelId : 'none',
  coldFirstQueryMs: Number(coldMs.toFixed(1)),
  p50Ms: p(total, 0.5), p95Ms: p(total, 0.95), maxMs: p(total, 1),
  embedP50Ms: embedder ? p(embedMs, 0.5) : undefined, embedP95Ms: embedder ? p(embedMs, 0.95) : undefined,
  stagesP50Ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, p(v, 0.5)])),
  stagesP95Ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, p(v, 0.95)])),
  sourceFileInTop10: Number((sourceInTop10 / qs.length).toFixed(3)),
};
await fs.mkdir(path.dirname(out), { recursive: true });
await fs.writeFile(out, JSON.stringify(report, null, 2));
console.log(`${report.queries} questions on ${report.files} files / ${report.chunks} chunks (${report.model}): p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms; first query ${report.coldFirstQueryMs} ms` +
  (embedder ? `; query embedding p50 ${report.embedP50Ms} / p95 ${report.embedP95Ms} ms (included)` : ''));
console.log('stage p50:', JSON.stringify(report.stagesP50Ms), 'p95:', JSON.stringify(report.stagesP95Ms));
