// Embedding throughput of the transformers.js worker per batch size, on realistic chunk texts
// (60-line windows of TypeScript's own lib files). Run: npx tsx scripts/bench/embed.ts [--chunks=2000]
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TransformersEmbedder } from '../../src/core/embed/transformersEmbedder.js';
import { testModelDir, testModelId } from '../lib/cache.mjs';

const count = Number(process.argv.find((a) => a.startsWith('--chunks='))?.split('=')[1] ?? 2000);
// --varied: chunk lengths spread like real declaration chunks (1–60 lines) instead of all 60.
const varied = process.argv.includes('--varied');
const batchSizes = process.argv.find((a) => a.startsWith('--batch='))?.split('=')[1]?.split(',').map(Number) ?? [8, 16, 32, 64, 128];
// Deterministic spread of chunk lengths: mostly short declarations, some long ones.
const linesFor = (i: number) => (varied ? 1 + ((i * 37) % 60) * ((i * 13) % 3 === 0 ? 1 : 0.3) : 60) | 0;
const libDir = path.dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));
const texts: string[] = [];
for (const f of (await fs.readdir(libDir)).filter((n) => n.endsWith('.d.ts')).sort()) {
  const lines = (await fs.readFile(path.join(libDir, f), 'utf8')).split('\n');
  for (let i = 0; i < lines.length && texts.length < count; ) {
    const n = Math.max(1, linesFor(texts.length));
    texts.push(lines.slice(i, i + n).join('\n'));
    i += n;
  }
  if (texts.length >= count) break;
}

const results: { batchSize: number; chunksPerSecond: number }[] = [];
for (const batchSize of batchSizes) {
  const e = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelDir, allowRemote: false, batchSize });
  await e.embed(texts.slice(0, batchSize)); // warm-up
  const t = performance.now();
  await e.embed(texts);
  const chunksPerSecond = texts.length / ((performance.now() - t) / 1000);
  await e.dispose();
  results.push({ batchSize, chunksPerSecond });
  console.log(`batch ${String(batchSize).padStart(3)}: ${chunksPerSecond.toFixed(0)} chunks/s`);
}
await fs.mkdir('bench-results', { recursive: true });
await fs.writeFile('bench-results/embed.json', JSON.stringify({ model: testModelId, chunks: texts.length, varied, date: new Date().toISOString(), results }, null, 2));
