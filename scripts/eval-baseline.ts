// Runs the README's reference BM25 baseline (src/core/eval/baselineBm25.ts) over the dev set and
// prints the README-style table, to check our metric code against the published numbers.
//   npx tsx scripts/eval-baseline.ts [--dataset f.jsonl] [--trees /tmp/devtrees] [--out report.json]
// The trees come from scripts/materialize-dev-trees.sh.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { indexBaseline, searchBaseline, type BaselineCache } from '../src/core/eval/baselineBm25.js';
import { readDataset } from '../src/core/eval/dataset.js';
import { buildReport, formatTable, scoreQuery, type QueryScore } from '../src/core/eval/metrics.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: fileURLToPath(new URL('../../shared/eval/dev_commit_localization.jsonl', import.meta.url)) },
    trees: { type: 'string', default: '/tmp/devtrees' },
    out: { type: 'string', default: '/tmp/eval-baseline.json' },
  },
});

const records = await readDataset(values.dataset!);
const caches = new Map<string, BaselineCache>();
const filesPerRepo = new Map<string, number[]>();
const scores: QueryScore[] = [];
let indexMs = 0;
const started = performance.now();
let lastTree = '';
let index: Awaited<ReturnType<typeof indexBaseline>> | undefined;
for (const [i, r] of records.entries()) {
  const tree = path.join(values.trees!, `${r.repo.replace('/', '+')}@${r.commit}`);
  if (tree !== lastTree) {
    try {
      await fs.access(`${tree}.ok`);
    } catch {
      throw new Error(`Tree ${tree} is missing or incomplete; run scripts/materialize-dev-trees.sh first.`);
    }
    if (!caches.has(r.repo)) caches.set(r.repo, new Map());
    const t = performance.now();
    index = await indexBaseline(tree, { cache: caches.get(r.repo) });
    indexMs += performance.now() - t;
    lastTree = tree;
  }
  (filesPerRepo.get(r.repo) ?? filesPerRepo.set(r.repo, []).get(r.repo)!).push(index!.files);
  const t = performance.now();
  const ranked = searchBaseline(index!, r.query);
  scores.push(scoreQuery(r, ranked, performance.now() - t));
  process.stderr.write(`\r[${i + 1}/${records.length}] ${r.id}\x1b[K`);
}
process.stderr.write('\n');

const filesIndexed = Object.fromEntries([...filesPerRepo].map(([repo, n]) => [repo, n.reduce((a, b) => a + b, 0) / n.length]));
const report = buildReport('reference BM25 baseline', '60-line windows', scores, filesIndexed);
const seconds = (performance.now() - started) / 1000;
const zeroR10 = Object.fromEntries([...filesPerRepo.keys()].map((repo) => [repo, scores.filter((s) => s.repo === repo && s.r10 === 0).length]));
console.log(formatTable(report));
console.log(`\n${records.length} queries in ${seconds.toFixed(1)} s (indexing ${(indexMs / 1000).toFixed(1)} s); R@10 = 0 on ${JSON.stringify(zeroR10)}`);
await fs.writeFile(values.out!, JSON.stringify({ ...report, seconds, indexSeconds: indexMs / 1000, zeroR10 }, null, 2));
console.log(`report: ${values.out}`);
