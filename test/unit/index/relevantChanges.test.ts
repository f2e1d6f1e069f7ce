import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { relevantChanges } from '../../../src/core/index/relevantChanges.js';
import { scanAll, tempTree } from '../scan/tempTree.js';

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

test('a changed path matters exactly when the scanner would index it, and every ignore file does', async (t) => {
  const root = await tempTree(tree);
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const every = await allFiles(root);
  const scanned = await scanAll([root]);
  const expected = every.filter((p) => scanned.files.has(p) || ['.gitignore', '.askcodebaseignore'].includes(path.posix.basename(p))).sort();
  const changes = await relevantChanges([{ path: root }], every);
  assert.deepEqual([...changes.paths].sort(), expected);
  // The tree does exercise each kind of rule: ignore files, build output, dependencies, version control, secrets.
  for (const dropped of ['src/app.log', 'src/nested/local-only.ts', 'dist/bundle.js', 'generated/types.ts', 'node_modules/pkg/index.js', '.git/HEAD', '.env']) {
    assert.ok(!changes.paths.includes(dropped), `${dropped} is left out`);
  }
  for (const stays of ['src/keep.log', 'src/nested/shared.ts', 'Dockerfile', 'src/app.ts']) assert.ok(changes.paths.includes(stays), `${stays} is kept`);
  assert.equal(changes.walk, true, 'an edited ignore file needs a walk');
});

test('ordinary saves need no walk; an ignore file, anywhere, does', async (t) => {
  const root = await tempTree(tree);
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  assert.deepEqual(await relevantChanges([{ path: root }], ['src/app.ts', 'src/app.ts', 'dist/bundle.js']), { paths: ['src/app.ts'], walk: false });
  assert.deepEqual(await relevantChanges([{ path: root }], ['src/app.ts', 'src/nested/.gitignore']), { paths: ['src/app.ts', 'src/nested/.gitignore'], walk: true });
  assert.deepEqual(await relevantChanges([{ path: root }], ['.askcodebaseignore']), { paths: ['.askcodebaseignore'], walk: true });
  // Only ignored paths: nothing to do at all.
  assert.deepEqual(await relevantChanges([{ path: root }], ['node_modules/pkg/index.js', '.env', 'src/app.log']), { paths: [], walk: false });
});

test('writes to the index\'s own folder inside a root never matter', async (t) => {
  const root = await tempTree({ 'src/a.ts': 'export {};\n', 'askdb/chunks_g1.lance/data/0.lance': 'x', 'askdb/writer.lock': '{}' });
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  const changes = await relevantChanges([{ path: root }], ['askdb/writer.lock', 'askdb/chunks_g1.lance/data/0.lance', 'src/a.ts'], { indexDir: path.join(root, 'askdb') });
  assert.deepEqual(changes, { paths: ['src/a.ts'], walk: false });
  // A folder merely sharing the prefix is not the index.
  await fs.mkdir(path.join(root, 'askdb-notes'));
  await fs.writeFile(path.join(root, 'askdb-notes/todo.ts'), 'export {};\n');
  assert.deepEqual((await relevantChanges([{ path: root }], ['askdb-notes/todo.ts'], { indexDir: path.join(root, 'askdb') })).paths, ['askdb-notes/todo.ts']);
  // An index outside the roots (the editor's workspace storage) changes nothing.
  const elsewhere = await tempTree({ 'x.ts': 'export {};\n' });
  t.after(() => fs.rm(elsewhere, { recursive: true, force: true }));
  assert.deepEqual((await relevantChanges([{ path: root }], ['src/a.ts'], { indexDir: elsewhere })).paths, ['src/a.ts']);
});

test('paths that cannot be judged are kept, and settings patterns apply', async (t) => {
  const root = await tempTree({ 'src/a.ts': 'export {};\n', 'tmp/scratch.ts': 'export {};\n' });
  t.after(() => fs.rm(root, { recursive: true, force: true }));
  // A deleted folder's file: the indexer decides (it may have to drop indexed chunks).
  assert.deepEqual((await relevantChanges([{ path: root }], ['gone/file.ts', 'src/a.ts'])).paths, ['gone/file.ts', 'src/a.ts']);
  assert.deepEqual((await relevantChanges([{ path: root }], ['tmp/scratch.ts', 'src/a.ts'], { scan: { extraIgnorePatterns: ['tmp/'] } })).paths, ['src/a.ts']);
  // A created folder inside an ignored one is left out; a new folder elsewhere is kept.
  await fs.mkdir(path.join(root, 'node_modules/dep'), { recursive: true });
  await fs.mkdir(path.join(root, 'src/feature'));
  assert.deepEqual((await relevantChanges([{ path: root }], ['node_modules/dep', 'src/feature'])).paths, ['src/feature']);
});

test('index paths of labelled roots are judged against their own root; a path in no root needs a walk', async (t) => {
  const web = await tempTree({ '.gitignore': 'out/\n', 'src/page.ts': 'export {};\n', 'out/page.js': '1;\n' });
  const api = await tempTree({ 'out/handler.ts': 'export {};\n' });
  t.after(() => Promise.all([web, api].map((d) => fs.rm(d, { recursive: true, force: true }))));
  const roots = [{ path: web, label: 'web' }, { path: api, label: 'api' }];
  assert.deepEqual(await relevantChanges(roots, ['web/src/page.ts', 'web/out/page.js', 'api/out/handler.ts']), { paths: ['web/src/page.ts', 'api/out/handler.ts'], walk: false });
  assert.deepEqual(await relevantChanges(roots, ['web/src/page.ts', 'elsewhere/x.ts']), { paths: ['web/src/page.ts', 'elsewhere/x.ts'], walk: true });
});
