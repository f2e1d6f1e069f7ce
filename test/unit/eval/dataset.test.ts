import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readDataset, type EvalRecord } from '../../../src/core/eval/dataset.js';
import { AskCodebaseError } from '../../../src/core/types.js';

const good: EvalRecord = {
  id: 'r1', repo: 'o/r', repo_name: 'r', commit: 'abc', query: 'Fix the thing',
  gold: [{ path: 'src/a.ts', start: 3, end: 4 }], gold_files: ['src/a.ts'], meta: { query_mentions_gold_stem: [] },
};

async function writeLines(lines: string[]): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ds-')), 'd.jsonl');
  await fs.writeFile(file, lines.join('\n') + '\n');
  return file;
}

async function rejectsWith(lines: string[], pattern: RegExp): Promise<void> {
  const file = await writeLines(lines);
  await assert.rejects(readDataset(file), (e: unknown) => {
    assert.ok(e instanceof AskCodebaseError);
    assert.equal(e.code, 'dataset-malformed');
    assert.match(e.message, pattern);
    return true;
  });
}

test('reads records and skips blank lines', async () => {
  const file = await writeLines([JSON.stringify(good), '', JSON.stringify({ ...good, id: 'r2' })]);
  const records = await readDataset(file);
  assert.deepEqual(records.map((r) => r.id), ['r1', 'r2']);
  assert.deepEqual(records[0].gold, good.gold);
});

test('malformed lines are reported with their line number and the reason', async () => {
  const line = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });
  await rejectsWith([line({}), '{not json'], /d\.jsonl:2: not valid JSON/);
  await rejectsWith([line({}), '[1,2]'], /:2: a record must be a JSON object/);
  await rejectsWith([line({ query: 7 })], /:1: "query" must be a non-empty string/);
  await rejectsWith([line({ commit: '' })], /:1: "commit" must be a non-empty string/);
  await rejectsWith([line({ gold: [{ path: 'src/a.ts' }] })], /:1: gold\[0\] needs integer "start" and "end"/);
  await rejectsWith([line({ gold: [{ path: 'src/a.ts', start: 0, end: 0 }] })], /:1: gold\[0\] has an empty or non-1-based range 0-0/);
  await rejectsWith([line({ gold: [{ path: 'src/a.ts', start: 5, end: 4 }] })], /non-1-based range 5-4/);
  await rejectsWith([line({ gold: [] })], /"gold" must be a non-empty list/);
  await rejectsWith([line({ gold_files: [] })], /"gold_files" lacks src\/a\.ts/);
  await rejectsWith([line({ gold_files: ['src/a.ts', 'src/b.ts'] })], /"gold_files" lists src\/b\.ts/);
  await rejectsWith([line({}), '', line({})], /:3: id "r1" already used on line 1/);
  await rejectsWith([line({ meta: { query_mentions_gold_stem: 'a' } })], /query_mentions_gold_stem" must be a list/);
});

test('an unreadable file is a clear error', async () => {
  await assert.rejects(readDataset('/nonexistent/d.jsonl'), (e: unknown) => e instanceof AskCodebaseError && e.code === 'dataset-unreadable');
});
