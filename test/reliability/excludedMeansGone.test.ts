// Issue 13, item 1: a file the scanner skips now loses its rows, in full and targeted runs, and
// a path swapped for a link leading out of the root is never read through the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { runIndex } from '../../src/core/index/indexer.js';
import { chunkPathsWith, readIndex, runCli, tempDir, workspace } from './harness.js';

const files = {
  'src/ignoredLater.ts': 'export const a = "MARKER_ASKIGNORE";\n',
  'src/gitIgnoredLater.ts': 'export const b = "MARKER_GITIGNORE";\n',
  'src/growsLater.ts': 'export const c = "MARKER_GROWS";\n',
  'src/linkLater.ts': 'export const d = "MARKER_LINK";\n',
  'src/stays.ts': 'export const e = "MARKER_STAYS";\n',
};

test('a full run removes the rows of files that became ignored, too large or links out of the root', async () => {
  const root = await workspace(files);
  const outside = await workspace({ 'secret.ts': 'export const s = "MARKER_OUTSIDE";\n' });
  const db = await tempDir('acb-rel-db-');
  const first = await runCli(['index', root, '--db', db, '--max-file-size', '1']);
  assert.equal(first.code, 0, first.stderr);
  for (const m of ['MARKER_ASKIGNORE', 'MARKER_GITIGNORE', 'MARKER_GROWS', 'MARKER_LINK']) assert.equal((await chunkPathsWith(db, m)).length, 1, m);

  await fs.writeFile(path.join(root, '.askcodebaseignore'), 'src/ignoredLater.ts\n');
  await fs.writeFile(path.join(root, '.gitignore'), 'gitIgnoredLater.ts\n');
  await fs.writeFile(path.join(root, 'src/growsLater.ts'), `// MARKER_GROWS\n${'x'.repeat(4096)}\n`);
  await fs.rm(path.join(root, 'src/linkLater.ts'));
  await fs.symlink(path.join(outside, 'secret.ts'), path.join(root, 'src/linkLater.ts'));
  const second = await runCli(['index', root, '--db', db, '--max-file-size', '1']);
  assert.equal(second.code, 0, second.stderr);

  for (const m of ['MARKER_ASKIGNORE', 'MARKER_GITIGNORE', 'MARKER_GROWS', 'MARKER_LINK', 'MARKER_OUTSIDE']) {
    assert.deepEqual(await chunkPathsWith(db, m), [], `${m} must be gone from the index`);
  }
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_STAYS'), ['src/stays.ts']);
  const { files: records } = await readIndex(db);
  for (const p of ['src/ignoredLater.ts', 'src/gitIgnoredLater.ts', 'src/growsLater.ts', 'src/linkLater.ts']) assert.equal(records.get(p), 'skipped', p);
});

test('a targeted run (a save) drops a file that became a link out of the root, and never reads the target', async () => {
  const root = await workspace(files);
  const outside = await workspace({ 'secret.ts': 'export const s = "MARKER_OUTSIDE";\n' });
  const db = await tempDir('acb-rel-db-');
  await runIndex({ roots: [{ path: root }], dbDir: db, embedder: null });
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_LINK'), ['src/linkLater.ts']);

  await fs.rm(path.join(root, 'src/linkLater.ts'));
  await fs.symlink(path.join(outside, 'secret.ts'), path.join(root, 'src/linkLater.ts'));
  await fs.appendFile(path.join(root, 'src/growsLater.ts'), `// ${'y'.repeat(2048)}\n`);
  const run = await runIndex({ roots: [{ path: root }], dbDir: db, embedder: null, onlyPaths: ['src/linkLater.ts', 'src/growsLater.ts'], scan: { maxFileSizeBytes: 1024 } });
  assert.equal(run.cancelled, false);
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_LINK'), []);
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_OUTSIDE'), []);
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_GROWS'), []);
  const { files: records } = await readIndex(db);
  assert.equal(records.get('src/linkLater.ts'), 'skipped');
  assert.equal(records.get('src/growsLater.ts'), 'skipped');
});

test('a file swapped for an outside link between the scan and the read is not read through it', async () => {
  const root = await workspace(files);
  const outside = await workspace({ 'secret.ts': 'export const s = "MARKER_OUTSIDE";\n' });
  const db = await tempDir('acb-rel-db-');
  let swapped = false;
  const run = await runIndex({
    roots: [{ path: root }], dbDir: db, embedder: null,
    onProgress: (e) => {
      // The walk is over (the totals are known) and no file has been read yet: swap now.
      if (e.phase === 'chunk' && e.filesDone === 0 && !swapped) {
        swapped = true;
        const target = path.join(root, 'src/linkLater.ts');
        rmSync(target);
        symlinkSync(path.join(outside, 'secret.ts'), target);
      }
    },
  });
  assert.ok(swapped, 'the run reported the start of reading');
  assert.equal(run.cancelled, false);
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_OUTSIDE'), []);
  assert.equal((await readIndex(db)).files.get('src/linkLater.ts'), 'skipped');
  assert.deepEqual(await chunkPathsWith(db, 'MARKER_STAYS'), ['src/stays.ts']);
});
