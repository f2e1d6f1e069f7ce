// REFERENCE BASELINE FOR EVAL VALIDATION ONLY — not the product's search (that is LanceDB FTS in
// src/core/retrieve). It re-implements shared/eval/README.md's BM25 baseline so that our metric
// code can be checked against the README's published numbers.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AskCodebaseError } from '../types.js';
import type { RankedChunk } from './metrics.js';

/** Extensions the README's baseline treats as code. Shell scripts are not: with them the file counts
 * per tree exceed the README's (fzf 102 vs 92, click 66 vs 65); without them they match. */
export const BASELINE_CODE_EXTENSIONS = new Set([
  'py', 'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'rb',
  'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'php', 'swift', 'vue', 'svelte', 'm', 'mm', 'lua', 'dart',
  'ex', 'exs', 'erl', 'clj', 'hs', 'ml', 'fs', 'r', 'jl', 'pl', 'pm', 'groovy', 'zig', 'nim',
]);

export const BASELINE_WINDOW_LINES = 60;
const MAX_FILE_BYTES = 1024 * 1024;
const K1 = 1.2;
const B = 0.75;

// A short English stop-word list; code keywords that are not English function words stay.
const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves').split(' '),
);

/** Identifier tokens: each identifier whole (lower-cased, '_' removed) plus its camelCase/snake_case parts. */
export function baselineTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9_]+/g)) {
    const ident = m[0];
    const whole = ident.replace(/_/g, '').toLowerCase();
    const parts = (ident.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((p) => p.toLowerCase());
    const keep = (t: string) => t !== '' && !/^[0-9]+$/.test(t) && !STOP_WORDS.has(t);
    if (keep(whole)) out.push(whole);
    if (parts.length > 1) for (const p of parts) if (keep(p)) out.push(p);
  }
  return out;
}

/** Bundles and other machine-written one-liners: the README's baseline skips them. */
function looksMinified(text: string): boolean {
  const lines = text.split('\n');
  // Hand-written code averages well under 100 characters per line; bundles run to thousands. The
  // longest-line rule drops fzf's generated actiontype_string.go (2,690 chars): file counts then match.
  return (text.length > 2000 && text.length / lines.length > 300) || lines.some((l) => l.length >= 2000);
}

interface Window {
  startLine: number;
  endLine: number;
  tf: Map<string, number>;
  length: number;
}

interface FileWindows {
  path: string;
  windows: Window[];
}

export interface BaselineIndex {
  root: string;
  files: number;
  chunks: { path: string; window: Window }[];
  avgLength: number;
}

/** Tokenised windows by path + content hash, so trees of one repository share work. */
export type BaselineCache = Map<string, FileWindows>;

function windowsOf(relPath: string, text: string): FileWindows {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const pathTokens = baselineTokens(relPath);
  const windows: Window[] = [];
  for (let i = 0; i < Math.max(1, lines.length); i += BASELINE_WINDOW_LINES) {
    const tokens = [...pathTokens, ...baselineTokens(lines.slice(i, i + BASELINE_WINDOW_LINES).join('\n'))];
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    windows.push({ startLine: i + 1, endLine: Math.min(lines.length, i + BASELINE_WINDOW_LINES), tf, length: tokens.length });
  }
  return { path: relPath, windows };
}

async function listCodeFiles(root: string, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    signal?.throwIfAborted();
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(abs);
      } else if (e.isFile() && BASELINE_CODE_EXTENSIONS.has(path.extname(e.name).slice(1).toLowerCase())) {
        out.push(path.relative(root, abs).split(path.sep).join('/'));
      }
    }
  };
  await walk(root);
  return out.sort();
}

/** Indexes every code file of a tree (tests included) as 60-line windows prefixed by path tokens. */
export async function indexBaseline(root: string, opts: { cache?: BaselineCache; signal?: AbortSignal } = {}): Promise<BaselineIndex> {
  let paths: string[];
  try {
    paths = await listCodeFiles(root, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new AskCodebaseError('eval-tree-unreadable', `Cannot list the tree ${root}: ${(err as Error).message}`, { cause: err });
  }
  const chunks: BaselineIndex['chunks'] = [];
  let files = 0;
  for (const rel of paths) {
    opts.signal?.throwIfAborted();
    const buf = await fs.readFile(path.join(root, rel));
    if (buf.length > MAX_FILE_BYTES) continue;
    const key = `${rel}\0${createHash('sha1').update(buf).digest('hex')}`;
    let fw = opts.cache?.get(key);
    if (!fw) {
      const text = buf.toString('utf8');
      if (looksMinified(text)) continue;
      fw = windowsOf(rel, text);
      opts.cache?.set(key, fw);
    }
    files++;
    for (const window of fw.windows) chunks.push({ path: rel, window });
  }
  const avgLength = chunks.length ? chunks.reduce((a, c) => a + c.window.length, 0) / chunks.length : 0;
  return { root, files, chunks, avgLength };
}

/** Okapi BM25 over the tree's windows; chunks ranked by score until `maxFiles` distinct files appear. */
export function searchBaseline(index: BaselineIndex, query: string, maxFiles = 1000): RankedChunk[] {
  const terms = [...new Set(baselineTokens(query))];
  const n = index.chunks.length;
  const idf = new Map<string, number>();
  for (const t of terms) {
    let df = 0;
    for (const c of index.chunks) if (c.window.tf.has(t)) df++;
    if (df > 0) idf.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  const scored: { c: BaselineIndex['chunks'][number]; score: number; order: number }[] = [];
  index.chunks.forEach((c, order) => {
    let score = 0;
    const norm = K1 * (1 - B + (B * c.window.length) / (index.avgLength || 1));
    for (const [t, w] of idf) {
      const f = c.window.tf.get(t);
      if (f) score += (w * f * (K1 + 1)) / (f + norm);
    }
    if (score > 0) scored.push({ c, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const out: RankedChunk[] = [];
  const files = new Set<string>();
  for (const { c } of scored) {
    if (!files.has(c.path)) {
      if (files.size >= maxFiles) break;
      files.add(c.path);
    }
    out.push({ path: c.path, startLine: c.window.startLine, endLine: c.window.endLine });
  }
  return out;
}
