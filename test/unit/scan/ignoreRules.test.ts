import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTree, scanAll, tempTree } from './tempTree.js';

test('nested .gitignore applies relative to its own folder, with negation and folder patterns', async () => {
  const root = await tempTree({
    '.gitignore': '*.log\ntmp/\n',
    'app.ts': 'export const a = 1;\n',
    'debug.log': 'x',
    'tmp/cache.ts': 'x',
    'pkg/.gitignore': '!keep.log\n/local.ts\ngen/\n',
    'pkg/keep.log': 'kept by negation',
    'pkg/other.log': 'still ignored by the parent rule',
    'pkg/local.ts': 'anchored to pkg/',
    'pkg/sub/local.ts': 'not matched by an anchored parent pattern',
    'pkg/gen/x.ts': 'x',
    'other/gen/y.ts': 'the gen/ rule belongs to pkg only',
  });
  try {
    const r = await scanAll([root]);
    assert.deepEqual([...r.files.keys()].sort(), ['.gitignore', 'app.ts', 'other/gen/y.ts', 'pkg/.gitignore', 'pkg/keep.log', 'pkg/sub/local.ts']);
    assert.deepEqual(r.skipped.get('debug.log'), { reason: 'ignored', detail: '.gitignore: *.log' });
    assert.equal(r.skipped.get('tmp/')?.reason, 'ignored');
    assert.equal(r.skipped.get('pkg/other.log')?.reason, 'ignored');
    assert.equal(r.skipped.get('pkg/local.ts')?.reason, 'ignored');
    assert.equal(r.skipped.get('pkg/gen/')?.reason, 'ignored');
    assert.equal(r.skipped.has('tmp/cache.ts'), false, 'an ignored folder is not walked');
  } finally {
    await removeTree(root);
  }
});

test('.ignore outranks .gitignore and .askcodebaseignore outranks both and the built-in excludes', async () => {
  const root = await tempTree({
    '.gitignore': 'docs/\nnotes.md\n',
    '.ignore': '!notes.md\nscratch.ts\n',
    '.askcodebaseignore': '!docs/\n!dist/\n!vendor.lock\nhuge-fixture.ts\n!.env.local\n!id_rsa\n',
    'notes.md': '# kept by .ignore',
    'scratch.ts': 'x',
    'docs/guide.md': '# re-included',
    'dist/bundle.js': 'console.log(1);\n',
    'build/out.js': 'x',
    'package.json': '{}',
    'huge-fixture.ts': 'x',
    '.env.local': 'TOKEN=1',
    'id_rsa': 'PRIVATE',
  });
  try {
    const r = await scanAll([root]);
    for (const kept of ['notes.md', 'docs/guide.md', 'dist/bundle.js']) assert.ok(r.files.has(kept), kept);
    assert.deepEqual(r.skipped.get('scratch.ts'), { reason: 'ignored', detail: '.ignore: scratch.ts' });
    assert.deepEqual(r.skipped.get('huge-fixture.ts'), { reason: 'ignored', detail: '.askcodebaseignore: huge-fixture.ts' });
    assert.equal(r.skipped.get('build/')?.reason, 'excluded');
    // Secrets stay out even when re-included.
    assert.equal(r.skipped.get('.env.local')?.reason, 'secret');
    assert.equal(r.skipped.get('id_rsa')?.reason, 'secret');
  } finally {
    await removeTree(root);
  }
});

test('extra patterns from settings ignore and re-include relative to each root', async () => {
  const root = await tempTree({ 'a/fixtures/big.json': '{}', 'a/src/x.ts': 'x', 'coverage/report.ts': 'x' });
  try {
    const r = await scanAll([root], { extraIgnorePatterns: ['fixtures/', '!coverage/'] });
    assert.deepEqual(r.skipped.get('a/fixtures/'), { reason: 'ignored', detail: 'the extra ignore patterns this scan was given: fixtures/' });
    assert.ok(r.files.has('a/src/x.ts'));
    assert.ok(r.files.has('coverage/report.ts'));
  } finally {
    await removeTree(root);
  }
});
