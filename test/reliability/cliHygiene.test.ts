// Issue 13, item 8: bad --queries input gets a clear message per line and the batch goes on, a
// reader that stops early ends the CLI quietly, and the summary counts what was indexed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { collect, runCli, startCli, tempDir, workspace } from './harness.js';

let root: string;
let db: string;

before(async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    files[`src/handler${i}.ts`] = Array.from({ length: 6 }, (_, j) => `export function requestHandler${i}x${j}(req: Request) {\n  return handleRequest(req, ${j});\n}\n`).join('\n');
  }
  root = await workspace(files);
  db = await tempDir('acb-rel-db-');
  const built = await runCli(['index', root, '--db', db]);
  assert.equal(built.code, 0, built.stderr);
});

test('a missing --queries file is a clear message without a stack trace', async () => {
  const run = await runCli(['search', '--queries', path.join(root, 'nope.jsonl'), '--db', db]);
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /queries file .*nope\.jsonl cannot be read: no such file/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('null, broken and query-less lines are reported for their line and the batch goes on', async () => {
  const file = path.join(await tempDir('acb-rel-q-'), 'q.jsonl');
  await fs.writeFile(file, ['{"id":"a","query":"request handler"}', 'null', '{not json', '{"id":"d","q":"x"}', '{"id":"e","query":"handle request"}'].join('\n') + '\n');
  const run = await runCli(['search', '--queries', file, '--db', db]);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), ['a', 2, 3, 'd', 'e']);
  assert.ok(lines[0].results.length > 0 && lines[4].results.length > 0, 'the good lines were searched');
  assert.match(lines[1].error, /q\.jsonl:2: expected an object/);
  assert.match(lines[2].error, /q\.jsonl:3: not valid JSON/);
  assert.match(lines[3].error, /q\.jsonl:4: missing "query"/);
  assert.equal(run.code, 1, 'the batch reports that some lines failed');
});

test('a reader that stops after the first line ends the CLI quietly (EPIPE)', async () => {
  const file = path.join(await tempDir('acb-rel-q-'), 'many.jsonl');
  // Far more output than a pipe holds (64 KB), so writes continue after the reader is gone.
  await fs.writeFile(file, Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: i, query: 'request handler' })).join('\n'));
  const child = startCli(['search', '--queries', file, '--db', db, '-k', '20']);
  const done = collect(child);
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  child.stdout!.destroy();
  const run = await done;
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /EPIPE|\n\s+at /);
});

test('"Indexed N files" counts the files indexed, not the ones skipped after reading', async () => {
  const binary = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/blob${i}.ts`, Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x10, 0x00])]));
  const ws = await workspace(binary);
  const run = await runCli(['index', ws, '--db', await tempDir('acb-rel-db-')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Indexed 0 files into /m);
  assert.match(run.stdout, /skipped 5/);
});
