// Store benchmark: insert throughput, setVectors strategies, optimize, FTS and vector latency
// (p50/p95) and disk size at N synthetic chunks with 100-d vectors; FTS positions on vs off.
// Usage: npx tsx scripts/bench/store.ts [--chunks 50000] [--dim 100]; writes bench-results/store.json.
import '../../src/core/store/lanceEnv.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { searchFields } from '../../src/core/chunk/chunkRows.js';
import { splitIdentifiers } from '../../src/core/store/identifiers.js';
import { directoryBytes } from '../../src/core/store/diskUsage.js';
import type { ChunkRow, FileRow } from '../../src/core/store/schema.js';
import { hashText } from '../../src/core/textHash.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('chunks', 50_000);
const DIM = arg('dim', 100);
const CHUNKS_PER_FILE = 10;
const BATCH_ROWS = 4_000; // the indexer's STORE_BATCH_ROWS
const QUERIES = 200;

// Deterministic pseudo-random numbers so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

const WORDS = ['parse', 'config', 'file', 'user', 'session', 'token', 'cache', 'index', 'store', 'query', 'render', 'event', 'handler', 'stream', 'buffer', 'socket', 'request', 'response', 'error', 'retry', 'timeout', 'queue', 'worker', 'thread', 'lock', 'path', 'node', 'tree', 'graph', 'vector', 'matrix', 'string', 'number', 'date', 'time', 'format', 'encode', 'decode', 'hash', 'crypto', 'key', 'value', 'map', 'list', 'set', 'filter', 'reduce', 'sort', 'merge', 'split', 'join', 'load', 'save', 'open', 'close', 'read', 'write', 'flush', 'sync', 'async', 'build', 'compile', 'link', 'emit', 'watch', 'scan', 'chunk', 'embed', 'search', 'rank', 'fuse', 'score', 'limit', 'offset', 'page', 'view', 'model', 'schema', 'table', 'column', 'row', 'field', 'record', 'batch', 'job', 'task', 'plan', 'step', 'state', 'status', 'progress', 'cancel', 'signal', 'abort', 'resume', 'pause', 'start', 'stop', 'init', 'reset', 'update', 'delete', 'insert', 'select', 'create', 'drop'];
const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
const ident = () => pick(WORDS) + cap(pick(WORDS)) + (rand() < 0.5 ? cap(pick(WORDS)) : '');

function synthChunk(file: string, i: number): ChunkRow {
  const symbol = ident();
  const lines = [`export function ${symbol}(${pick(WORDS)}: ${cap(pick(WORDS))}) {`];
  for (let l = 0; l < 18; l++) lines.push(`  const ${ident()} = ${ident()}(${pick(WORDS)}, ${Math.floor(rand() * 100)}); // ${pick(WORDS)} ${pick(WORDS)}`);
  lines.push('}');
  const text = lines.join('\n');
  const content_hash = hashText(text);
  const start = i * 20 + 1;
  return {
    id: hashText(`${file}\n${start}\n${start + 19}\n${content_hash}`).slice(0, 32), path: file, start_line: start, end_line: start + 19,
    language: 'typescript', kind: 'function', symbol, parents: '', content_hash, text,
    ...searchFields({ path: file, parents: [], symbol, text }),
  };
}

function randomVector(): Float32Array {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) v[i] = rand() * 2 - 1;
  return v;
}

function percentiles(ms: number[]): { p50: number; p95: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}
const round = (x: number) => Math.round(x * 100) / 100;

async function timeAll(n: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < 5; i++) await run(i); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  return percentiles(ms);
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-bench-store-'));
  const result: Record<string, unknown> = { chunks: N, dimension: DIM, batchRows: BATCH_ROWS, cpus: os.cpus().length, node: process.version };
  try {
    const files: { file: FileRow; chunks: ChunkRow[] }[] = [];
    for (let f = 0; f < N / CHUNKS_PER_FILE; f++) {
      const p = `src/${pick(WORDS)}/${ident()}${f}.ts`;
      const chunks = Array.from({ length: CHUNKS_PER_FILE }, (_, i) => synthChunk(p, i));
      files.push({ file: { path: p, size: 8_000, mtime_ms: Date.now(), content_hash: hashText(p), language: 'typescript', indexed_at: Date.now(), status: 'pending-embed', skip_reason: '', skip_detail: '', chunk_count: CHUNKS_PER_FILE }, chunks });
    }
    const store = await IndexStore.open(dir, { embedderId: 'bench', dimension: DIM }, { cleanupGraceMs: 0 });
    const filesPerBatch = BATCH_ROWS / CHUNKS_PER_FILE;

    // 1. Keyword-first path: chunks stored without vectors (what the indexer does first).
    let t0 = performance.now();
    for (let i = 0; i < files.length; i += filesPerBatch) await store.replaceFiles(files.slice(i, i + filesPerBatch));
    const insertSeconds = (performance.now() - t0) / 1000;
    result.insertNullVectors = { seconds: round(insertSeconds), rowsPerSecond: Math.round(N / insertSeconds) };
    console.log(`insert ${N} chunks (no vectors), batches of ${BATCH_ROWS}: ${Math.round(N / insertSeconds)} rows/s`);

    // 2. Keyword-ready optimize (FTS + btree indexes), as the indexer does before embedding.
    t0 = performance.now();
    result.optimizeKeyword = { seconds: 0, ...(await store.optimize()) };
    (result.optimizeKeyword as { seconds: number }).seconds = round((performance.now() - t0) / 1000);
    console.log(`optimize before embedding: ${JSON.stringify(result.optimizeKeyword)}`);

    // 3. setVectors strategies: update() per row vs mergeInsert(id) of (id, vector) per round.
    const ids = files.flatMap((f) => f.chunks.map((c) => c.id));
    const vectors = new Map(ids.map((id) => [id, randomVector()]));
    const db = await lancedb.connect(dir, { readConsistencyInterval: 0 });
    const chunksTable = await db.openTable((await db.tableNames()).find((n) => n.startsWith('chunks'))!);
    const UPDATE_SAMPLE = 100;
    t0 = performance.now();
    for (const id of ids.slice(0, UPDATE_SAMPLE)) await chunksTable.update({ where: `id = '${id}'`, values: { vector: Array.from(vectors.get(id)!) } });
    const updateSeconds = (performance.now() - t0) / 1000;
    result.setVectorsUpdatePerRow = { rows: UPDATE_SAMPLE, rowsPerSecond: Math.round(UPDATE_SAMPLE / updateSeconds) };
    console.log(`setVectors via update() per row: ${Math.round(UPDATE_SAMPLE / updateSeconds)} rows/s (${UPDATE_SAMPLE} rows)`);
    const half = Math.floor(ids.length / 2);
    for (const [label, round_, slice] of [['setVectorsMergeInsert1024', 1_024, ids.slice(0, half)], ['setVectorsMergeInsert8192', 8_192, ids.slice(half)]] as const) {
      t0 = performance.now();
      for (let i = 0; i < slice.length; i += round_) await store.setVectors(slice.slice(i, i + round_).map((id) => ({ id, vector: vectors.get(id)! })));
      const seconds = (performance.now() - t0) / 1000;
      result[label] = { rows: slice.length, round: round_, seconds: round(seconds), rowsPerSecond: Math.round(slice.length / seconds) };
      console.log(`setVectors via mergeInsert(id), rounds of ${round_}: ${Math.round(slice.length / seconds)} rows/s`);
    }

    // Re-index of changed files (merge path): 5% of files, half their chunks edited.
    const changedFiles = files.filter((_, i) => i % 20 === 0).map((f) => ({
      file: { ...f.file, content_hash: hashText(`${f.file.path}#2`) },
      chunks: f.chunks.map((c, i) => (i % 2 === 0 ? c : synthChunk(f.file.path, i))),
    }));
    const changedRows = changedFiles.reduce((n, f) => n + f.chunks.length, 0);
    t0 = performance.now();
    for (let i = 0; i < changedFiles.length; i += filesPerBatch) await store.replaceFiles(changedFiles.slice(i, i + filesPerBatch));
    const mergeReplaceSeconds = (performance.now() - t0) / 1000;
    result.replaceChangedFiles = { files: changedFiles.length, rows: changedRows, seconds: round(mergeReplaceSeconds), rowsPerSecond: Math.round(changedRows / mergeReplaceSeconds) };
    console.log(`replace ${changedFiles.length} changed files (${changedRows} rows, merge path): ${Math.round(changedRows / mergeReplaceSeconds)} rows/s`);
    const missing = await store.chunksMissingVectors(N);
    await store.setVectors(missing.map((r) => ({ id: r.id, vector: randomVector() })));

    // 4. Brute-force vector search (no vector index yet), then optimize (builds ivfFlat at 50k).
    const queryVectors = Array.from({ length: QUERIES + 5 }, randomVector);
    result.vectorBruteForce = await timeAll(QUERIES, (i) => store.searchVector(queryVectors[i], { limit: 10 }));
    console.log(`vector top-10 brute force: ${JSON.stringify(result.vectorBruteForce)} ms`);
    result.diskBytesBeforeOptimize = await directoryBytes(dir);
    t0 = performance.now();
    const report = await store.optimize();
    await store.optimize();
    result.optimize = { seconds: round((performance.now() - t0) / 1000), ...report };
    console.log(`optimize after embedding (two passes): ${JSON.stringify(result.optimize)}`);
    result.diskBytes = await directoryBytes(dir);
    console.log(`disk: ${(Number(result.diskBytes) / 1e6).toFixed(1)} MB (before optimize ${(Number(result.diskBytesBeforeOptimize) / 1e6).toFixed(1)} MB)`);

    // 5. Latency at N rows.
    const queries = Array.from({ length: QUERIES + 5 }, () => `${pick(WORDS)} ${pick(WORDS)} ${rand() < 0.5 ? ident() : pick(WORDS)}`);
    result.fts = await timeAll(QUERIES, (i) => store.searchKeyword(queries[i], { limit: 20 }));
    console.log(`FTS top-20 (idents+text): ${JSON.stringify(result.fts)} ms`);
    result.vectorIndexed = await timeAll(QUERIES, (i) => store.searchVector(queryVectors[i], { limit: 10 }));
    console.log(`vector top-10 with ${report.vectorIndexBuilt ? 'ivfFlat' : 'no index'}: ${JSON.stringify(result.vectorIndexed)} ms`);
    result.hybrid = await timeAll(QUERIES, (i) => searchHybrid(chunksTable, queries[i], queryVectors[i], 20));
    console.log(`hybrid (RRF) top-20: ${JSON.stringify(result.hybrid)} ms`);

    // 6. FTS positions: the same text column indexed with and without them, in a scratch table.
    await chunksTable.checkoutLatest(); // this connection's view predates the cleanup
    const textOnly = await chunksTable.query().select(['id', 'text', 'idents']).toArrow();
    for (const withPosition of [false, true]) {
      const name = `fts_positions_${withPosition}`;
      const scratch = await db.createTable(name, textOnly);
      const before = await directoryBytes(path.join(dir, `${name}.lance`));
      t0 = performance.now();
      for (const column of ['text', 'idents']) {
        await scratch.createIndex(column, { config: lancedb.Index.fts({ baseTokenizer: 'simple', stem: false, removeStopWords: false, lowercase: true, asciiFolding: true, maxTokenLength: 80, withPosition }) });
      }
      const buildSeconds = (performance.now() - t0) / 1000;
      const indexBytes = (await directoryBytes(path.join(dir, `${name}.lance`))) - before;
      const latency = await timeAll(QUERIES, (i) =>
        scratch.query().fullTextSearch(new lancedb.MultiMatchQuery(splitIdentifiers(queries[i]), ['idents', 'text'], { boosts: [2, 1] })).select(['id', '_score']).limit(20).toArray(),
      );
      result[`ftsWithPosition_${withPosition}`] = { buildSeconds: round(buildSeconds), indexBytes, ...latency };
      console.log(`FTS withPosition=${withPosition}: build ${buildSeconds.toFixed(2)} s, index ${(indexBytes / 1e6).toFixed(1)} MB, query ${JSON.stringify(latency)} ms`);
      await db.dropTable(name);
    }
    db.close();
    await store.close();
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir('bench-results', { recursive: true });
  await fs.writeFile('bench-results/store.json', JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench-results/store.json');
}

await main();

/**
 * LanceDB's own hybrid query for comparison: keyword and vector fused by its reciprocal-rank
 * reranker (k 60, equal weights; the product fuses with its own weights in core/retrieve, as equal
 * weights lost to keyword alone with a weak model). Each side over-fetches 3×.
 */
async function searchHybrid(table: lancedb.Table, query: string, vector: Float32Array, limit: number) {
  const terms = [...new Set(splitIdentifiers(query).split(' ').filter(Boolean))].slice(0, 64);
  const rows = await table
    .query()
    .nearestTo(Array.from(vector))
    .distanceType('cosine')
    .fullTextSearch(terms.join(' '), { columns: 'idents' })
    .where('vector IS NOT NULL')
    .rerank(await lancedb.rerankers.RRFReranker.create(60))
    // Not `_score`/`_distance`: each side of the query lacks one of them and fails on it.
    .select(['id', 'path', 'root', 'start_line', 'end_line', 'language', 'kind', 'content_kind', 'symbol', 'parents', 'content_hash', 'file_hash', 'text'])
    .limit(limit * 3)
    .toArray();
  return rows.slice(0, limit);
}
