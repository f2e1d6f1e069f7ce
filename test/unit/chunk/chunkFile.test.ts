import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkFile } from '../../../src/core/chunk/chunkFile.js';
import { ChunkerPool } from '../../../src/core/chunk/chunkerPool.js';
import { contextHeader, embeddingText } from '../../../src/core/chunk/embeddingText.js';
import type { Chunk } from '../../../src/core/types.js';
import { samples } from './languageSamples.js';

/** Every chunk's text is exactly its lines of the source, and ranges are ordered without overlap. */
function assertExact(source: string, chunks: Chunk[], allowOverlap = false) {
  const lines = source.split('\n');
  let lastEnd = 0;
  for (const c of chunks) {
    assert.ok(c.startLine >= 1 && c.endLine >= c.startLine && c.endLine <= lines.length, `range ${c.startLine}-${c.endLine}`);
    assert.equal(c.text, lines.slice(c.startLine - 1, c.endLine).join('\n'));
    if (!allowOverlap) assert.ok(c.startLine > lastEnd, `chunks overlap at ${c.startLine}`);
    lastEnd = c.endLine;
  }
}

/** Every non-blank line of the source is inside some chunk. */
function assertCovers(source: string, chunks: Chunk[]) {
  source.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    assert.ok(chunks.some((c) => c.startLine <= i + 1 && i + 1 <= c.endLine), `line ${i + 1} (${line}) is covered`);
  });
}

for (const [language, s] of Object.entries(samples)) {
  test(`${language}: declarations become chunks with symbols and parents`, async () => {
    const { chunks, fallback } = await chunkFile({ path: `sample.${language}`, text: s.code, language }, { maxLines: 4, mergeBelowLines: 1 });
    assert.equal(fallback, undefined);
    assertExact(s.code, chunks);
    assertCovers(s.code, chunks);
    const symbols = chunks.map((c) => c.symbol);
    for (const want of s.symbols) {
      assert.ok(symbols.includes(want) || chunks.some((c) => c.parents.some((p) => p.endsWith(` ${want}`))), `${want} in ${JSON.stringify(chunks.map((c) => [c.symbol, c.parents]))}`);
    }
    const method = chunks.find((c) => c.symbol === s.method);
    assert.ok(method, `a chunk for ${s.method}`);
    if (s.container) assert.ok(method.parents.some((p) => p.endsWith(` ${s.container}`)) || method.symbol === s.method, 'method knows its container');
  });
}

test('leading comments, docstrings and decorators stay with their declaration', async () => {
  const { chunks } = await chunkFile({ path: 'a.ts', text: samples.typescript.code, language: 'typescript' }, { maxLines: 4, mergeBelowLines: 1 });
  const add = chunks.find((c) => c.symbol === 'add')!;
  assert.match(add.text, /\/\*\* Adds one\. \*\//);
  const py = await chunkFile({ path: 'a.py', text: samples.python.code, language: 'python' }, { maxLines: 4, mergeBelowLines: 1 });
  assert.match(py.chunks.find((c) => c.symbol === 'size')!.text, /@property/);
  const java = await chunkFile({ path: 'A.java', text: samples.java.code, language: 'java' }, { maxLines: 60 });
  assert.match(java.chunks[0].text, /\/\*\* Greets\. \*\//);
});

test('a 2,000-line function is split along its statements, never dropped', async () => {
  const body = Array.from({ length: 2000 }, (_, i) => `  const v${i} = compute(${i});`).join('\n');
  const text = `function huge() {\n${body}\n}\n`;
  const { chunks } = await chunkFile({ path: 'big.ts', text, language: 'typescript' }, { maxLines: 60 });
  assertExact(text, chunks);
  assertCovers(text, chunks);
  assert.ok(chunks.length >= 2000 / 60);
  assert.ok(chunks.every((c) => c.endLine - c.startLine + 1 <= 60));
  assert.equal(chunks[0].symbol, 'huge');
});

test('many tiny functions are merged up to the target size', async () => {
  const text = Array.from({ length: 40 }, (_, i) => `function f${i}() { return ${i}; }`).join('\n') + '\n';
  const { chunks } = await chunkFile({ path: 'tiny.js', text, language: 'javascript' }, { maxLines: 10, mergeBelowLines: 5 });
  assertExact(text, chunks);
  assert.equal(chunks.length, 4);
});

test('markdown is cut at headings with the heading path as parents', async () => {
  const text = '# Guide\n\nIntro.\n\n## Install\n\nRun it.\n\n```\n# not a heading\n```\n\n## Use\n\nAsk.\n';
  const { chunks } = await chunkFile({ path: 'README.md', text, language: 'markdown' });
  assertExact(text, chunks);
  assert.deepEqual(chunks.map((c) => c.symbol), ['Guide', 'Install', 'Use']);
  assert.deepEqual(chunks[1].parents, ['# Guide']);
  assert.match(chunks[1].text, /# not a heading/);
});

test('data and unknown text are cut into overlapping line windows', async () => {
  const text = Array.from({ length: 150 }, (_, i) => `  "key${i}": ${i},`).join('\n');
  const { chunks } = await chunkFile({ path: 'data.json', text, language: 'json' }, { maxLines: 60, windowOverlapLines: 10 });
  assertExact(text, chunks, true);
  assertCovers(text, chunks);
  assert.deepEqual(chunks.map((c) => [c.startLine, c.endLine]), [[1, 60], [51, 110], [101, 150]]);
  assert.ok(chunks.every((c) => c.kind === 'window'));
});

test('syntax errors, empty files and CRLF line endings', async () => {
  const broken = 'function ok() {\n  return 1;\n}\n\nfunction broken( {\n  return ;;\n';
  const b = await chunkFile({ path: 'b.ts', text: broken, language: 'typescript' });
  assertExact(broken, b.chunks);
  assertCovers(broken, b.chunks);
  assert.deepEqual((await chunkFile({ path: 'e.ts', text: '', language: 'typescript' })).chunks, []);
  const crlf = 'class A {\r\n  m() {\r\n    return 1;\r\n  }\r\n}\r\n\r\nfunction g() {\r\n  return 2;\r\n}\r\n';
  const c = await chunkFile({ path: 'c.ts', text: crlf, language: 'typescript' }, { maxLines: 5, mergeBelowLines: 1 });
  assertExact(crlf, c.chunks);
  assert.deepEqual(c.chunks.map((x) => [x.symbol, x.startLine, x.endLine]), [['A', 1, 5], ['g', 7, 9]]);
});

test('the embedded text starts with a context header of path and parents', () => {
  const chunk = { path: 'src/store/table.ts', parents: ['class ChunkTable'], symbol: 'upsert', text: 'upsert() {}' };
  assert.equal(contextHeader(chunk), 'src/store/table.ts › class ChunkTable › upsert');
  assert.equal(embeddingText(chunk), 'src/store/table.ts › class ChunkTable › upsert\nupsert() {}');
});

test('the worker pool chunks files and falls back to windows when a parse times out', async () => {
  const pool = new ChunkerPool({ workers: 1, chunkOptions: { parseTimeoutMs: 1 } });
  try {
    const big = Array.from({ length: 30_000 }, (_, i) => `export function f${i}(a: number) { return a * ${i} + g(a, [1, 2, 3]); }`).join('\n');
    const out = await pool.chunk({ path: 'big.ts', text: big, language: 'typescript' });
    assert.match(out.fallback ?? '', /longer than 1 ms/);
    assertExact(big, out.chunks);
    assertCovers(big, out.chunks);
    const ok = await pool.chunk({ path: 'q.js', text: samples.javascript.code, language: 'javascript' });
    assert.equal(ok.chunks.length > 0, true);
  } finally {
    await pool.close();
  }
});
