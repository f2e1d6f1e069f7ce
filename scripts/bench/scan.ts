// Scanner benchmark: files/s for the stat-only walk and for walk + read (decode, sniff, hash).
// Usage: npx tsx scripts/bench/scan.ts <root> [--concurrency N]; writes bench-results/scan.json.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import { readSourceFile } from '../../src/core/scan/readSourceFile.js';
import { scanWorkspace } from '../../src/core/scan/scanWorkspace.js';
import type { ScannedFile, SkipReason } from '../../src/core/types.js';

const root = process.argv[2];
if (!root) {
  console.error('usage: npx tsx scripts/bench/scan.ts <root> [--concurrency N]');
  process.exit(2);
}
const ci = process.argv.indexOf('--concurrency');
const concurrency = ci > 0 ? Number(process.argv[ci + 1]) : 8;

function count<K extends string>(map: Record<string, number>, key: K): void {
  map[key] = (map[key] ?? 0) + 1;
}

async function walk(): Promise<{ files: ScannedFile[]; skipped: Record<string, number>; seconds: number; bytes: number }> {
  const t0 = performance.now();
  const files: ScannedFile[] = [];
  const skipped: Record<string, number> = {};
  let bytes = 0;
  for await (const e of scanWorkspace([root])) {
    if (e.type === 'file') {
      files.push(e.file);
      bytes += e.file.size;
    } else count(skipped, e.file.reason);
  }
  return { files, skipped, seconds: (performance.now() - t0) / 1000, bytes };
}

async function walkAndRead(): Promise<{ files: number; indexed: number; refused: Record<string, number>; seconds: number; bytes: number }> {
  const t0 = performance.now();
  const refused: Record<SkipReason | string, number> = {};
  let files = 0;
  let indexed = 0;
  let bytes = 0;
  const inFlight = new Set<Promise<void>>();
  for await (const e of scanWorkspace([root])) {
    if (e.type !== 'file') continue;
    files++;
    const p: Promise<void> = readSourceFile(e.file.absPath, { relPath: e.file.path }).then((r) => {
      if (r.ok) {
        indexed++;
        bytes += r.size;
      } else count(refused, r.reason);
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { files, indexed, refused, seconds: (performance.now() - t0) / 1000, bytes };
}

/** Hash throughput on the files' own bytes, to back the choice of sha256. */
async function hashRates(files: ScannedFile[]): Promise<Record<string, number>> {
  const buffers: Buffer[] = [];
  let total = 0;
  for (const f of files) {
    if (total > 64 * 1024 * 1024) break;
    const b = await fs.readFile(f.absPath).catch(() => undefined);
    if (b) {
      buffers.push(b);
      total += b.length;
    }
  }
  const rates: Record<string, number> = {};
  for (const algo of ['sha256', 'sha1', 'md5']) {
    const t0 = performance.now();
    for (const b of buffers) createHash(algo).update(b).digest('hex');
    rates[`${algo}MBps`] = Math.round(total / 1e6 / ((performance.now() - t0) / 1000));
  }
  return rates;
}

const w = await walk();
console.log(`walk:        ${w.files.length} files (${(w.bytes / 1e6).toFixed(1)} MB), skipped ${JSON.stringify(w.skipped)} in ${w.seconds.toFixed(2)} s = ${Math.round(w.files.length / w.seconds)} files/s`);
const wr = await walkAndRead();
console.log(`walk+read:   ${wr.files} files, ${wr.indexed} accepted, refused ${JSON.stringify(wr.refused)} in ${wr.seconds.toFixed(2)} s = ${Math.round(wr.files / wr.seconds)} files/s, ${(wr.bytes / 1e6 / wr.seconds).toFixed(1)} MB/s`);
const hashes = await hashRates(w.files);
console.log(`hash:        ${JSON.stringify(hashes)}`);

const report = {
  when: new Date().toISOString(),
  root,
  machine: { cpus: os.cpus().length, node: process.version },
  readConcurrency: concurrency,
  walk: { files: w.files.length, bytes: w.bytes, skipped: w.skipped, seconds: w.seconds, filesPerSecond: w.files.length / w.seconds },
  walkAndRead: { ...wr, filesPerSecond: wr.files / wr.seconds, mbPerSecond: wr.bytes / 1e6 / wr.seconds },
  hashes,
};
await fs.mkdir('bench-results', { recursive: true });
await fs.writeFile('bench-results/scan.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('wrote bench-results/scan.json');
