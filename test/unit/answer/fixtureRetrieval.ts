// Builds retrieval results from the files under test/fixtures/answer/repo, as the indexer would.
import { contentKindOf } from '../../../src/core/scan/contentKind.js';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RetrievalResult, RetrievedChunk } from '../../../src/core/retrieve/types.js';
import { hashText } from '../../../src/core/textHash.js';
import type { ReadFile } from '../../../src/core/answer/types.js';

export const FIXTURE_REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/answer/repo');

/** A private copy of the fixture repo, so a test may edit files on disk. */
export async function copyFixtureRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'acb-answer-'));
  await cp(FIXTURE_REPO, dir, { recursive: true });
  return dir;
}

export function readerFor(root: string): ReadFile {
  return (p) => readFile(path.join(root, p), 'utf8');
}

export interface ChunkSpec {
  path: string;
  startLine: number;
  endLine: number;
  symbol: string;
  language?: string;
}

export async function chunkAt(root: string, spec: ChunkSpec, rank = 1): Promise<RetrievedChunk> {
  const lines = (await readFile(path.join(root, spec.path), 'utf8')).split('\n');
  const text = lines.slice(spec.startLine - 1, spec.endLine).join('\n');
  return {
    id: hashText(`${spec.path}:${spec.startLine}-${spec.endLine}:${text}`),
    path: spec.path,
    startLine: spec.startLine,
    endLine: spec.endLine,
    language: spec.language ?? languageOf(spec.path),
    kind: 'function',
    contentKind: contentKindOf(spec.path),
    symbol: spec.symbol,
    parents: [],
    text,
    contentHash: hashText(text),
    score: 1 / rank,
    signals: { keyword: { rank, score: 10 / rank } },
    otherLocations: [],
  };
}

export function retrievalOf(question: string, chunks: RetrievedChunk[]): RetrievalResult {
  return { question, mode: 'hybrid', chunks, partial: false, warnings: [], timingsMs: {} };
}

/** The four sources most answer tests use: class, method, Python function, markdown notes. */
export async function standardRetrieval(root: string, question: string): Promise<RetrievalResult> {
  const chunks = await Promise.all([
    chunkAt(root, { path: 'src/rateLimiter.ts', startLine: 6, endLine: 31, symbol: 'TokenBucket' }, 1),
    chunkAt(root, { path: 'src/rateLimiter.ts', startLine: 18, endLine: 24, symbol: 'TokenBucket.tryTake' }, 2),
    chunkAt(root, { path: 'src/retry.py', startLine: 4, endLine: 12, symbol: 'retry' }, 3),
    chunkAt(root, { path: 'src/rateLimiter.ts', startLine: 3, endLine: 4, symbol: 'DEFAULT_RATE' }, 4),
  ]);
  return retrievalOf(question, chunks);
}

function languageOf(p: string): string {
  if (p.endsWith('.ts')) return 'typescript';
  if (p.endsWith('.py')) return 'python';
  if (p.endsWith('.md')) return 'markdown';
  return 'text';
}
