// Tokens to the answer: for each dev-set query, does an agent reading the tool's output (about 4
// characters a token) meet a gold line within 1k / 2k / 4k / 8k tokens? Three readers: search_code
// at each budget (a shown line inside a gold range counts), today's ranking read chunk by chunk
// (a chunk overlapping a gold range counts), and grep (`rg` over the query's three rarest words,
// file order, a printed gold line counts). Uses the reusable per-tree indexes of
// `eval --index-per-tree` (and its masked tree copies); changes nothing in them.
// Usage: npx tsx scripts/bench/tokensToAnswer.ts --dataset A.jsonl,B.jsonl --trees DIR --db DIR [--out bench-results/tokens-to-answer.json]
import '../../src/core/store/lanceEnv.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readDataset, type EvalRecord, type GoldRange } from '../../src/core/eval/dataset.js';
import { maskedRanges, maskedTreeCopy } from '../../src/core/eval/maskedTree.js';
import { analyzeQuery } from '../../src/core/retrieve/queryAnalysis.js';
import { searchIndex } from '../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { CodebaseTools } from '../../src/mcp/codebaseTools.js';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const datasets = arg('dataset')?.split(',');
const treesDir = arg('trees');
const dbRoot = arg('db');
const out = arg('out', 'bench-results/tokens-to-answer.json')!;
/** `--readers search_code` skips the two fixed references (ranked chunks, rg) when comparing packings. */
const readers = new Set((arg('readers', 'search_code,ranking,grep') ?? '').split(','));
if (!datasets || !treesDir || !dbRoot) throw new Error('usage: tokensToAnswer.ts --dataset A.jsonl[,B.jsonl] --trees DIR --db DIR [--out FILE]');

const BUDGETS = [1000, 2000, 4000, 8000];
const CHARS_PER_TOKEN = 4;
const tokens = (chars: number) => chars / CHARS_PER_TOKEN;

const inGold = (gold: GoldRange[], p: string, line: number) => gold.some((g) => g.path === p && g.start <= line && line <= g.end);
const overlapsGold = (gold: GoldRange[], p: string, s: number, e: number) => gold.some((g) => g.path === p && g.start <= e && s <= g.end);

/** Tokens read up to and including the first output line showing a gold line, or undefined. */
function searchCodeTokensToGold(text: string, gold: GoldRange[]): number | undefined {
  let chars = 0;
  let current = '';
  for (const line of text.split('\n')) {
    chars += line.length + 1;
    const head = /^\[\d+\] (.+?):\d+-\d+[ (]/.exec(line);
    if (head) current = head[1];
    const shown = /^(\d+): /.exec(line);
    if (shown && current && inGold(gold, current, Number(shown[1]))) return tokens(chars);
  }
  return undefined;
}

function grepTokensToGold(tree: string, query: string, gold: GoldRange[]): { tokens?: number; terms: string[] } {
  const words = [...new Set(analyzeQuery(query).terms.filter((t) => /^[a-z][a-z0-9_]{2,}$/.test(t)))];
  const rg = (args: string[]) => {
    try {
      return execFileSync('rg', args, { cwd: tree, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      return ((err as { stdout?: string }).stdout ?? '') as string; // exit 1: no match
    }
  };
  const df = words.map((w) => ({ w, n: rg(['-l', '-i', '-w', '-F', w]).split('\n').filter(Boolean).length })).filter((x) => x.n > 0);
  const terms = df.sort((a, b) => a.n - b.n || a.w.localeCompare(b.w)).slice(0, 3).map((x) => x.w);
  if (terms.length === 0) return { terms };
  const output = rg(['-n', '-i', '-w', '-F', '--sort', 'path', '--no-heading', '--with-filename', ...terms.flatMap((t) => ['-e', t])]);
  let chars = 0;
  for (const line of output.split('\n')) {
    chars += line.length + 1;
    if (tokens(chars) > BUDGETS[BUDGETS.length - 1]) break;
    const m = /^(.+?):(\d+):/.exec(line);
    if (m && inGold(gold, m[1].replace(/^\.\//, ''), Number(m[2]))) return { tokens: tokens(chars), terms };
  }
  return { terms };
}

interface Row {
  id: string;
  dataset: string;
  repo: string;
  searchCode: Record<number, { found: boolean; outputTokens: number; tokensToGold?: number }>;
  ranking?: number;
  grep?: number;
  grepTerms: string[];
}

const rows: Row[] = [];
const records: EvalRecord[] = [];
for (const d of datasets) records.push(...(await readDataset(d)));
const started = performance.now();
let lastDb = '';
let store: IndexStore | undefined;
const searchMs: number[] = [];
for (const record of records) {
  let tree = path.join(treesDir, `${record.repo.replace('/', '+')}@${record.commit}`);
  const masked = maskedRanges(record.meta);
  if (masked.length > 0) tree = await maskedTreeCopy(tree, masked, path.join(dbRoot, 'masked-trees'));
  const dbDir = path.join(dbRoot, 'per-tree', path.basename(tree));
  if (dbDir !== lastDb) {
    await store?.close();
    store = await IndexStore.openExisting(dbDir);
    lastDb = dbDir;
  }
  const open = store!;
  const tools = new CodebaseTools({ roots: () => [{ path: tree }], withStore: (fn) => fn(open), embedder: async () => null, freshness: () => 'up to date' });
  const row: Row = { id: record.id, dataset: record.dataset ?? path.basename(datasets[0]), repo: record.repo, searchCode: {}, grepTerms: [] };
  for (const budget of BUDGETS) {
    const t = performance.now();
    const text = await tools.searchCode({ query: record.query, budget_tokens: budget });
    searchMs.push(performance.now() - t);
    const toGold = searchCodeTokensToGold(text, record.gold);
    row.searchCode[budget] = { found: toGold !== undefined, outputTokens: tokens(text.length), tokensToGold: toGold };
  }
  // Today's ranking, read whole chunk after chunk with a `path:start-end` line before each.
  const ranked = readers.has('ranking') ? await searchIndex(open, record.query, { k: 200 }) : { chunks: [] };
  let chars = 0;
  for (const c of ranked.chunks) {
    chars += `${c.path}:${c.startLine}-${c.endLine}\n`.length + c.text.length + 1;
    if (overlapsGold(record.gold, c.path, c.startLine, c.endLine)) {
      row.ranking = tokens(chars);
      break;
    }
  }
  const g = readers.has('grep') ? grepTokensToGold(tree, record.query, record.gold) : { tokens: undefined, terms: [] };
  row.grep = g.tokens;
  row.grepTerms = g.terms;
  rows.push(row);
  process.stderr.write(`\r${rows.length}/${records.length}`);
}
await store?.close();
process.stderr.write('\n');

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)} %`);
const curve = (subset: Row[]) => ({
  queries: subset.length,
  searchCode: Object.fromEntries(BUDGETS.map((b) => [b, subset.filter((r) => r.searchCode[b].found).length / subset.length])),
  ranking: Object.fromEntries(BUDGETS.map((b) => [b, subset.filter((r) => r.ranking !== undefined && r.ranking <= b).length / subset.length])),
  grep: Object.fromEntries(BUDGETS.map((b) => [b, subset.filter((r) => r.grep !== undefined && r.grep <= b).length / subset.length])),
});
const groups = new Map<string, Row[]>();
for (const r of rows) for (const key of [r.dataset, `${r.dataset} / ${r.repo}`]) groups.set(key, [...(groups.get(key) ?? []), r]);
const report: Record<string, ReturnType<typeof curve>> = {};
console.log(`| set | queries | reader | ${BUDGETS.map((b) => `≤ ${b / 1000}k`).join(' | ')} |`);
console.log(`|---|---|---|${BUDGETS.map(() => '---').join('|')}|`);
for (const [key, subset] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
  report[key] = curve(subset);
  for (const [reader, label] of [['searchCode', 'search_code (budget = column)'], ['ranking', 'ranked chunks, read whole'], ['grep', 'rg, 3 rarest words']] as const) {
    console.log(`| ${key} | ${subset.length} | ${label} | ${BUDGETS.map((b) => pct(subset.filter((r) => (reader === 'searchCode' ? r.searchCode[b].found : r[reader] !== undefined && r[reader]! <= b)).length, subset.length)).join(' | ')} |`);
  }
}
const sorted = [...searchMs].sort((a, b) => a - b);
const overBudget = rows.filter((r) => BUDGETS.some((b) => r.searchCode[b].outputTokens > b)).length;
console.log(`search_code calls: ${searchMs.length}, p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms (index opened per tree); outputs over budget at 4 chars/token: ${overBudget}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
await fs.mkdir(path.dirname(out), { recursive: true });
await fs.writeFile(out, JSON.stringify({ date: new Date().toISOString(), budgets: BUDGETS, charsPerToken: CHARS_PER_TOKEN, report, rows }, null, 1));
console.log(`wrote ${out}`);
