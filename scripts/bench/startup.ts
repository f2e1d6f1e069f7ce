// CLI start-up: whole-process wall time of `--help`, `status` and one `search` on an existing
// index, against `rg -l <word>` over the same tree, as ratios (median of N runs, taken in one run
// with the commands interleaved so machine noise falls on all of them alike).
// Usage: npx tsx scripts/bench/startup.ts <tree> [--db DIR] [--word parse] [--runs 15] [--cli dist/cli.cjs]
//   Without --db, the tree is indexed first into a temporary folder (not timed). Needs `rg` and
//   `npm run build`. Writes bench-results/startup.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const tree = process.argv[2];
if (!tree || tree.startsWith('--')) {
  console.error('usage: npx tsx scripts/bench/startup.ts <tree> [--db DIR] [--word parse] [--runs 15] [--cli dist/cli.cjs]');
  process.exit(2);
}
const cli = path.resolve(arg('cli', 'dist/cli.cjs')!);
const word = arg('word', 'parse')!;
const runs = Number(arg('runs', '15'));

interface Command {
  name: string;
  argv: string[];
}

/** Runs once; fails the benchmark on a non-zero exit (a broken command is not fast). */
function timeOnce(command: Command): number {
  const started = performance.now();
  const r = spawnSync(command.argv[0], command.argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${command.name} exited with ${r.status ?? r.signal}: ${r.stderr.toString().slice(0, 2000)}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let db = arg('db');
let tempDb: string | undefined;
if (!db) {
  tempDb = db = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-startup-db-'));
  console.log(`indexing ${tree} into ${db} (not timed)...`);
  timeOnce({ name: 'index', argv: [process.execPath, cli, 'index', tree, '--db', db] });
}

const commands: Command[] = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { name: `rg -l ${word}`, argv: ['rg', '-l', word, tree] },
  { name: '--help', argv: [process.execPath, cli, '--help'] },
  { name: 'status', argv: [process.execPath, cli, 'status', '--db', db] },
  { name: `search ${word}`, argv: [process.execPath, cli, 'search', word, '--db', db] },
];
const times = new Map(commands.map((c) => [c.name, [] as number[]]));
// One warm-up round (disk cache, first JIT of node itself), then rounds in a rotating order.
for (const c of commands) timeOnce(c);
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < commands.length; i++) {
    const c = commands[(i + round) % commands.length];
    times.get(c.name)!.push(timeOnce(c));
  }
}

const rgMs = median(times.get(`rg -l ${word}`)!);
const results = commands.map((c) => {
  const xs = times.get(c.name)!;
  return { command: c.name, medianMs: Number(median(xs).toFixed(1)), minMs: Number(Math.min(...xs).toFixed(1)), maxMs: Number(Math.max(...xs).toFixed(1)), ratioToRg: Number((median(xs) / rgMs).toFixed(2)) };
});
console.log(`tree ${tree}, ${runs} runs each, ${os.cpus().length} cores, node ${process.version}`);
console.log('command'.padEnd(22) + 'median ms'.padStart(10) + 'min'.padStart(8) + 'max'.padStart(8) + '  × rg');
for (const r of results) console.log(r.command.padEnd(22) + r.medianMs.toFixed(0).padStart(10) + r.minMs.toFixed(0).padStart(8) + r.maxMs.toFixed(0).padStart(8) + `  ${r.ratioToRg.toFixed(2)}`);

await fs.mkdir('bench-results', { recursive: true });
await fs.writeFile('bench-results/startup.json', `${JSON.stringify({ date: new Date().toISOString(), tree: path.basename(path.resolve(tree)), word, runs, cores: os.cpus().length, node: process.version, results }, null, 2)}\n`);
if (tempDb) await fs.rm(tempDb, { recursive: true, force: true });
