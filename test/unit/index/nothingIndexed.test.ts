import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIndex } from '../../../src/core/index/indexer.js';
import { nothingIndexedWarning } from '../../../src/core/index/nothingIndexed.js';

test('a walk whose top-level ignore file hides everything warns, names the file and says how to re-include', async (t) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ws-'));
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  t.after(() => Promise.all([root, dbDir].map((d) => fs.rm(d, { recursive: true, force: true }))));
  await fs.mkdir(path.join(root, 'drivers'));
  await fs.writeFile(path.join(root, 'drivers/hub.c'), 'int usb_hub_port_reset(void) { return 0; }\n');
  await fs.writeFile(path.join(root, 'Makefile'), 'all:\n\tcc drivers/hub.c\n');
  // What Debian's linux-source package ships at the top of the tree.
  await fs.writeFile(path.join(root, '.gitignore'), '/*\n!/debian/\n');
  const warnings: string[] = [];
  const first = await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onMessage: (level, m) => level === 'warn' && warnings.push(m) });
  assert.equal(first.filesSeen, 0);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^Nothing was indexed: all (\d+) entries were skipped \(ignored \1\)\. Every entry matched an ignore rule \(\.gitignore: \/\*\)/);
  assert.match(warnings[0], /\.askcodebaseignore/);

  await fs.writeFile(path.join(root, '.askcodebaseignore'), '!/*\n');
  warnings.length = 0;
  const second = await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onMessage: (level, m) => level === 'warn' && warnings.push(m) });
  assert.ok(second.filesSeen >= 2, 'the advice works: the files are indexed');
  assert.deepEqual(warnings, []);
});

test('the warning lists mixed reasons without the ignore advice, and stays quiet when anything was indexed', () => {
  const rows = [{ skip_reason: 'too-large', skip_detail: '' }, { skip_reason: 'ignored', skip_detail: '.gitignore' }];
  assert.equal(nothingIndexedWarning(0, rows), 'Nothing was indexed: all 2 entries were skipped (too-large 1, ignored 1).');
  assert.equal(nothingIndexedWarning(1, rows), undefined);
  assert.equal(nothingIndexedWarning(0, []), undefined, 'an empty folder is not a puzzle');
});
