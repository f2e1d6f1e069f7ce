import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { withoutIgnoredPaths, withoutIgnoredStorePaths } from '../../../src/core/scan/ignoredPaths.js';
import { scanAll, tempTree } from './tempTree.js';

const tree = {
  '.gitignore': 'dist/\n*.log\n!keep.log\n',
  '.askcodebaseignore': 'generated/\n!dist/public-api.ts\n',
  'src/app.ts': 'export const app = 1;\n',
  'src/app.log': 'log line\n',
  'src/keep.log': 'kept by a negation\n',
  'src/nested/.gitignore': 'local-only.ts\n',
  'src/nested/local-only.ts': 'export const x = 1;\n',
  'src/nested/shared.ts': 'export const y = 2;\n',
  'dist/bundle.js': 'var a = 1;\n',
  'dist/public-api.ts': 'export type Api = {};\n',
  'generated/types.ts': 'export type T = 1;\n',
  'node_modules/pkg/index.js': 'module.exports = 1;\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.env': 'TOKEN=x\n',
  'Dockerfile': 'FROM node\n',
};

async function allFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await allFiles(root, child)));
    else out.push(child);
  }
  return out;
}

test('a changed path is kept exactly when the scanner would index it (ignore files always kept)', async (t) => {
  const root = await tempTree(tree);
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const every = await allFiles(root);
  const scanned = await scanAll([root]);
  const expected = every.filter((p) => scanned.files.has(p) || ['.gitignore', '.askcodebaseignore'].includes(path.posix.basename(p))).sort();
  const kept = (await withoutIgnoredPaths(root, every)).sort();
  assert.deepEqual(kept, expected);
  // The tree does exercise each kind of rule.
  for (const dropped of ['src/app.log', 'src/nested/local-only.ts', 'dist/bundle.js', 'generated/types.ts', 'node_modules/pkg/index.js', '.git/HEAD', '.env']) {
    assert.ok(!kept.includes(dropped), `${dropped} is left out`);
  }
  for (const stays of ['src/keep.log', 'src/nested/shared.ts', 'Dockerfile', 'src/app.ts']) assert.ok(kept.includes(stays), `${stays} is kept`);
});

test('paths that cannot be judged are kept, and settings patterns apply', async (t) => {
  const root = await tempTree({ 'src/a.ts': 'export {};\n', 'tmp/scratch.ts': 'export {};\n' });
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  // A deleted folder's file: the indexer decides (it may have to drop indexed chunks).
  assert.deepEqual(await withoutIgnoredPaths(root, ['gone/file.ts', 'src/a.ts']), ['gone/file.ts', 'src/a.ts']);
  assert.deepEqual(await withoutIgnoredPaths(root, ['tmp/scratch.ts', 'src/a.ts'], { extraIgnorePatterns: ['tmp/'] }), ['src/a.ts']);
  // A created folder inside an ignored one is left out; a new folder elsewhere is kept.
  await fs.mkdir(path.join(root, 'node_modules/dep'), { recursive: true });
  await fs.mkdir(path.join(root, 'src/feature'));
  assert.deepEqual(await withoutIgnoredPaths(root, ['node_modules/dep', 'src/feature']), ['src/feature']);
});

test('index paths of labelled roots are judged against their own root', async (t) => {
  const web = await tempTree({ '.gitignore': 'out/\n', 'src/page.ts': 'export {};\n', 'out/page.js': '1;\n' });
  const api = await tempTree({ 'out/handler.ts': 'export {};\n' });
  t.after(() => Promise.all([web, api].map((d) => fs.rm(d, { recursive: true, force: true }))));
  const roots = [{ path: web, label: 'web' }, { path: api, label: 'api' }];
  const kept = await withoutIgnoredStorePaths(roots, ['web/src/page.ts', 'web/out/page.js', 'api/out/handler.ts', 'elsewhere/x.ts']);
  assert.deepEqual(kept.sort(), ['api/out/handler.ts', 'elsewhere/x.ts', 'web/src/page.ts']);
});
