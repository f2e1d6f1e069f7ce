// Embedding throughput of the transformers.js worker per batch size, on realistic chunk texts
// (60-line windows of TypeScript's own lib files). Run: npx tsx scripts/bench/embed.ts [--chunks=2000]
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TransformersEmbedder } from '../../src/core/embed/transformersEmbedder.js';
import { testModelDir, testModelId } from '../lib/cache.mjs';

const count = Number(process.argv.find((a) => a.startsWith('--chunks='))?.split('=')[1] ?? 2000);
const libDir = path.dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));
const texts: string[] = [];
for (const f of (await fs.readdir(libDir)).filter((n) => n.endsWith('.d.ts')).sort()) {
  const lines = (await fs.readFile(path.join(libDir, f), 'utf8')).split('\n');
  for (let i = 0; i < lines.length && texts.length < count; i += 60) texts.push(lines.slice(i, i + 60).join('\n'));
  if (texts.length >= count) break;
}

const results: { batchSize: number; chunksPerSecond: number }[] = [];
for (const batchSize of [8, 16, 32, 64, 128]) {
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
await fs.writeFile('bench-results/embed.json', JSON.stringify({ model: testModelId, chunks: texts.length, date: new Date().toISOString(), results }, null, 2));
