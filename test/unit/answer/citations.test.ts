import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CitationChecker } from '../../../src/core/answer/checkCitations.js';
import { CitationScanner, parseCitations } from '../../../src/core/answer/parseCitations.js';
import { copyFixtureRepo, readerFor, standardRetrieval } from './fixtureRetrieval.js';

const brief = (text: string) =>
  parseCitations(text).map((c) => (c.kind === 'source' ? `#${c.sourceIndex}` : `${c.path}:${c.startLine}-${c.endLine}`));

describe('parseCitations', () => {
  it('reads single, grouped, adjacent and ranged source markers', () => {
    assert.deepEqual(brief('A [1]. B [1, 3]. C [2][4]. D [1-3]. E [5; 6]'), ['#1', '#1', '#3', '#2', '#4', '#1', '#2', '#3', '#5', '#6']);
  });

  it('reads path:line and path:start-end references', () => {
    assert.deepEqual(brief('See src/a.ts:10-20, `lib/b.py:7` and ./c/d.go:L3-L9 (x.rs:4 – 6).'), [
      'src/a.ts:10-20',
      'lib/b.py:7-7',
      'c/d.go:3-9',
      'x.rs:4-6',
    ]);
  });

  it('ignores code: array indexes, markdown links and fenced blocks', () => {
    assert.deepEqual(brief('arr[1] and [docs](x.md) and [2](http://x)'), []);
    assert.deepEqual(brief('Before [1].\n```ts\nconst x = y [2];\nsrc/a.ts:3\n```\nAfter [3].'), ['#1', '#3']);
  });

  it('finds the same citations when the text arrives one character at a time', () => {
    const text = 'Tokens refill [1, 2] in src/rateLimiter.ts:26-30; retry waits [3][4].\n```\n[5]\n```\nend [1]';
    const scanner = new CitationScanner();
    const seen = [];
    for (const ch of text) seen.push(...scanner.push(ch));
    seen.push(...scanner.finish());
    assert.deepEqual(seen, parseCitations(text));
    assert.equal(seen.length, 6);
  });
});

describe('CitationChecker', () => {
  it('sorts citations into valid, stale (with the new range) and invalid', async () => {
    const root = await copyFixtureRepo();
    const retrieval = await standardRetrieval(root, 'q');
    const sources = retrieval.chunks.map((c, i) => ({ index: i + 1, path: c.path, startLine: c.startLine, endLine: c.endLine, contentHash: c.contentHash, text: c.text }));
    await writeFile(path.join(root, 'src/retry.py'), `\n\n\n\n\n${retrieval.chunks[2].text}\n`);
    const checker = new CitationChecker(sources, readerFor(root));
    const results = await checker.checkAll(parseCitations('[2] [3] [7] rateLimiter.ts:19-20 src/retry.py:1-2 src/other.ts:1 src/rateLimiter.ts:0-2 src/rateLimiter.ts:1-2'));
    assert.deepEqual(
      results.map((r) => [r.marker, r.status, r.sourceIndex]),
      [
        ['[2]', 'valid', 2],
        ['[3]', 'stale', 3],
        ['[7]', 'invalid', 7],
        ['rateLimiter.ts:19-20', 'valid', 1],
        ['src/retry.py:1-2', 'invalid', undefined],
        ['src/other.ts:1', 'invalid', undefined],
        ['src/rateLimiter.ts:0-2', 'invalid', undefined],
        ['src/rateLimiter.ts:1-2', 'invalid', undefined],
      ],
    );
    assert.deepEqual(results[1].movedTo, { startLine: 6, endLine: 14 });
    assert.equal(results[3].path, 'src/rateLimiter.ts', 'a shortened path resolves to the unique source path');
    assert.match(results[4].reason ?? '', /not in any retrieved source/);
    assert.match(results[5].reason ?? '', /not among the retrieved sources/);
    assert.match(results[6].reason ?? '', /outside/);
  });

  it('calls a deleted file invalid', async () => {
    const retrieval = await standardRetrieval(await copyFixtureRepo(), 'q');
    const c = retrieval.chunks[0];
    const checker = new CitationChecker([{ index: 1, ...c }], () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })));
    const [r] = await checker.checkAll(parseCitations('[1]'));
    assert.equal(r.status, 'invalid');
    assert.match(r.reason ?? '', /no longer exists/);
  });

  it('passes on read errors other than a missing file', async () => {
    const retrieval = await standardRetrieval(await copyFixtureRepo(), 'q');
    const checker = new CitationChecker([{ index: 1, ...retrieval.chunks[0] }], () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })));
    await assert.rejects(checker.checkAll(parseCitations('[1]')), /denied/);
  });
});
