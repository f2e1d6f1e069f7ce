// MCP server latency: spawns `ask-codebase mcp --read-only` (the built dist/cli.cjs) on an existing
// index with the MCP SDK's client, times spawn → first search_code answer, then 100 search_code
// calls one at a time (default budget), as an agent would make them. Changes nothing in the index.
// Usage: npx tsx scripts/bench/mcpServer.ts --db DIR --root DIR [--queries 100] [--out bench-results/mcp-server.json]
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { percentile } from '../../src/core/eval/metrics.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { sampleChunks } from '../../test/unit/helpers/storeTables.js';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dbDir = arg('db');
const root = arg('root');
if (!dbDir || !root) throw new Error('usage: mcpServer.ts --db DIR --root DIR [--queries 100] [--out FILE]');
const N = Number(arg('queries', '100'));
const out = arg('out', 'bench-results/mcp-server.json')!;

// Questions from the index's own declarations, spread over the table: "where is <words> handled".
const store = await IndexStore.openExisting(dbDir);
const stats = await store.stats();
const named = (await sampleChunks(store, 20_000)).filter((r) => r.symbol.length >= 4);
await store.close();
const words = (s: string) => s.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])|_/).filter((w) => w.length >= 3).map((w) => w.toLowerCase());
const step = Math.max(1, Math.floor(named.length / N));
const questions = Array.from({ length: Math.min(N, named.length) }, (_, i) => `where is ${words(named[i * step].symbol).join(' ') || named[i * step].symbol} handled`);

const spawnedAt = performance.now();
const client = new Client({ name: 'acb-bench', version: '1.0.0' });
await client.connect(new StdioClientTransport({ command: process.execPath, args: ['dist/cli.cjs', 'mcp', '--read-only', '--root', root, '--db', dbDir], stderr: 'ignore' }));
const connectedMs = performance.now() - spawnedAt;
await client.callTool({ name: 'search_code', arguments: { query: 'open file descriptor reference count' } });
const firstCallMs = performance.now() - spawnedAt;
const ms: number[] = [];
let outputChars = 0;
for (const q of questions) {
  const t = performance.now();
  const r = await client.callTool({ name: 'search_code', arguments: { query: q } });
  ms.push(performance.now() - t);
  outputChars += (r.content as { text: string }[])[0].text.length;
}
await client.close();

const sorted = [...ms].sort((a, b) => a - b);
const p = (q: number) => Number(percentile(sorted, q).toFixed(1));
const report = {
  db: path.resolve(dbDir), files: stats.files, chunks: stats.chunks, queries: ms.length,
  spawnToConnectedMs: Number(connectedMs.toFixed(0)), spawnToFirstAnswerMs: Number(firstCallMs.toFixed(0)),
  p50Ms: p(0.5), p95Ms: p(0.95), maxMs: p(1), meanOutputTokens: Math.round(outputChars / ms.length / 4),
};
await fs.mkdir(path.dirname(out), { recursive: true });
await fs.writeFile(out, JSON.stringify(report, null, 2));
console.log(`${report.files} files / ${report.chunks} chunks: spawn → first answer ${report.spawnToFirstAnswerMs} ms (connected after ${report.spawnToConnectedMs} ms); ` +
  `search_code over MCP p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms (${report.queries} calls, ~${report.meanOutputTokens} tokens each)`);
