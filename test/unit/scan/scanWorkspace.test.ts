import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { scanWorkspace } from '../../../src/core/scan/scanWorkspace.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { permissionDenied, removeTree, scanAll, tempTree } from './tempTree.js';

test('built-in excludes: VCS, dependencies, build output, lock files, media; extension-less files kept', async () => {
  const root = await tempTree({
    '.git/config': 'x', 'node_modules/a/index.js': 'x', 'dist/a.js': 'x', 'target/debug/x.rs': 'x', 'Cargo.toml': '[package]', '__pycache__/m.pyc': 'x',
    'drivers/target/core.c': 'int core;', 'scripts/Makefile.lib': 'x := 1',
    'src/.venv/lib.py': 'x', 'yarn.lock': 'x', 'package-lock.json': '{}', 'go.sum': 'x', 'logo.png': 'x', 'font.woff2': 'x',
    'docs/spec.pdf': 'x', 'app.min.js': 'x', 'Dockerfile': 'FROM node', 'Makefile': 'all:', 'Rakefile': 'task :a', 'src/main.go': 'package main',
  });
  try {
    const r = await scanAll([root]);
    // target/ is build output beside Cargo.toml, but source under drivers/ (as in the Linux tree).
    assert.deepEqual([...r.files.keys()].sort(), ['Cargo.toml', 'Dockerfile', 'Makefile', 'Rakefile', 'drivers/target/core.c', 'scripts/Makefile.lib', 'src/main.go']);
    assert.equal(r.files.get('Rakefile')?.file.language, 'ruby');
    assert.equal(r.files.get('Dockerfile')?.file.language, 'text');
    for (const p of ['.git/', 'node_modules/', 'dist/', 'target/', '__pycache__/', 'src/.venv/', 'yarn.lock', 'package-lock.json', 'go.sum', 'logo.png', 'font.woff2', 'docs/spec.pdf']) {
      assert.equal(r.skipped.get(p)?.reason, 'excluded', p);
    }
    assert.equal(r.skipped.get('app.min.js')?.reason, 'minified');
  } finally {
    await removeTree(root);
  }
});

test('secret files are never indexed, env templates are', async () => {
  const secrets = ['.env', '.env.production', '.envrc', 'server.pem', 'tls.key', 'cert.p12', 'a.pfx', 'id_rsa', 'id_ed25519.pub', '.npmrc', '.pypirc', '.netrc', 'credentials', 'credentials.json', 'release.keystore', 'secrets.yaml'];
  const kept = ['.env.example', '.env.sample', 'credentialsProvider.ts', 'secrets.ts', 'keys.ts'];
  const root = await tempTree(Object.fromEntries([...secrets, ...kept].map((n) => [`cfg/${n}`, 'SECRET=1'])));
  try {
    const r = await scanAll([root], { extraIgnorePatterns: secrets.map((n) => `!${n}`) });
    for (const n of secrets) assert.equal(r.skipped.get(`cfg/${n}`)?.reason, 'secret', n);
    for (const n of kept) assert.ok(r.files.has(`cfg/${n}`), n);
  } finally {
    await removeTree(root);
  }
});

test('size cap comes from the stat, and a 50 MB single-line file is skipped as too-large', async () => {
  const root = await tempTree({ 'small.ts': 'x'.repeat(100), 'edge.ts': 'x'.repeat(2048), 'over.ts': 'x'.repeat(2049) });
  try {
    const big = await fs.open(path.join(root, 'huge.js'), 'w');
    await big.write(Buffer.alloc(50 * 1024 * 1024, 'a'));
    await big.close();
    const capped = await scanAll([root], { maxFileSizeBytes: 2048 });
    assert.deepEqual([...capped.files.keys()].sort(), ['edge.ts', 'small.ts']);
    assert.equal(capped.skipped.get('over.ts')?.reason, 'too-large');
    const defaults = await scanAll([root]);
    assert.deepEqual(defaults.skipped.get('huge.js'), { reason: 'too-large', detail: '52428800 bytes, limit 1048576' });
    assert.equal(defaults.files.get('over.ts')?.file.size, 2049);
  } finally {
    await removeTree(root);
  }
});

test('symlinks: followed inside the root, loops and links outside recorded', async () => {
  const root = await tempTree({ 'src/a.ts': 'a', 'lib/b.ts': 'b' });
  const outside = await tempTree({ 'secret-ish.ts': 'outside' });
  try {
    await fs.symlink(path.join(root, 'lib'), path.join(root, 'src', 'lib-link'));
    await fs.symlink('../src/a.ts', path.join(root, 'lib', 'a-link.ts'));
    await fs.symlink('..', path.join(root, 'src', 'up'));
    await fs.symlink(root, path.join(root, 'lib', 'root-link'));
    await fs.symlink(path.join(outside, 'secret-ish.ts'), path.join(root, 'out-file.ts'));
    await fs.symlink(outside, path.join(root, 'out-dir'));
    await fs.symlink('missing.ts', path.join(root, 'dangling.ts'));
    await fs.symlink('self', path.join(root, 'self'));
    const r = await scanAll([root]);
    assert.equal(r.skipped.get('out-file.ts')?.reason, 'outside-root');
    assert.equal(r.skipped.get('out-dir')?.reason, 'outside-root');
    assert.equal(r.skipped.get('dangling.ts')?.reason, 'unreadable');
    assert.equal(r.skipped.get('self')?.reason, 'symlink-loop');
    assert.equal(r.skipped.get('src/up/')?.reason ?? r.skipped.get('src/up')?.reason, 'symlink-loop');
    assert.equal(r.skipped.get('lib/root-link')?.reason, 'symlink-loop');
    // lib/ is walked as itself; the link to it is a repeat, so its files appear once.
    assert.equal(r.skipped.get('src/lib-link/')?.reason, 'symlink-loop');
    assert.ok(r.files.has('lib/a-link.ts'), 'file link inside the root is followed');
    assert.equal(r.files.get('lib/a-link.ts')?.file.size, 1);
    const noFollow = await scanAll([root], { followSymlinks: false });
    assert.equal(noFollow.skipped.get('lib/a-link.ts')?.reason, 'excluded');
  } finally {
    await removeTree(root);
    await removeTree(outside);
  }
});

test('a symlinked folder is walked once under its link path when the target is not walked first', async () => {
  const root = await tempTree({ 'z-real/deep/x.ts': 'x' });
  try {
    await fs.symlink('z-real', path.join(root, 'a-link'));
    const r = await scanAll([root]);
    assert.ok(r.files.has('a-link/deep/x.ts'));
    assert.ok(r.files.has('z-real/deep/x.ts'), 'real folders are always walked');
  } finally {
    await removeTree(root);
  }
});

test('unicode and spaces in paths; multi-root labels; deterministic depth-first order', async () => {
  const a = await tempTree({ 'dossier ünïcødé/fichier été.py': 'x = 1', '中文/名字.md': '# 标题', 'emoji 🚀/a b.rs': 'fn main() {}' });
  const b = await tempTree({ 'lib/util.h': 'int f();', 'lib/impl.cpp': 'int f() { return 1; }', 'c/only.h': 'int g();' });
  try {
    const r = await scanAll([a, b]);
    assert.deepEqual(r.order, ['dossier ünïcødé/fichier été.py', 'emoji 🚀/a b.rs', '中文/名字.md', 'c/only.h', 'lib/impl.cpp', 'lib/util.h']);
    assert.equal(r.files.get('中文/名字.md')?.file.root, a);
    assert.equal(r.files.get('lib/util.h')?.file.root, b);
    assert.equal(r.files.get('lib/util.h')?.file.absPath, path.join(b, 'lib', 'util.h'));
    assert.equal(r.files.get('lib/util.h')?.file.language, 'cpp');
    assert.equal(r.files.get('c/only.h')?.file.language, 'c');
    assert.equal(r.files.get('dossier ünïcødé/fichier été.py')?.file.language, 'python');
  } finally {
    await removeTree(a);
    await removeTree(b);
  }
});

test('a 200-level deep tree is walked without recursion limits', async () => {
  const deep = Array.from({ length: 200 }, (_, i) => `d${i}`).join('/');
  const root = await tempTree({ [`${deep}/leaf.ts`]: 'export {}', 'top.ts': 'x' });
  try {
    const r = await scanAll([root]);
    assert.ok(r.files.has(`${deep}/leaf.ts`));
    assert.equal(r.files.size, 2);
  } finally {
    await removeTree(root);
  }
});

test('a folder removed during the walk is recorded as unreadable and the walk goes on', async () => {
  const root = await tempTree({ 'a/1.ts': '1', 'm/2.ts': '2', 'z/3.ts': '3' });
  try {
    const seen: string[] = [];
    const skipped: string[] = [];
    for await (const event of scanWorkspace([root])) {
      if (event.type === 'file') {
        seen.push(event.file.path);
        if (event.file.path === 'a/1.ts') await fs.rm(path.join(root, 'm'), { recursive: true });
      } else skipped.push(`${event.file.path} ${event.file.reason} ${event.file.detail}`);
    }
    assert.deepEqual(seen, ['a/1.ts', 'z/3.ts']);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0], /^m\/ unreadable ENOENT/);
  } finally {
    await removeTree(root);
  }
});

test('a folder that cannot be listed (permission denied) is recorded, the rest still scans', async (t) => {
  const root = await tempTree({ 'locked/x.ts': 'x', 'open.ts': 'y' });
  try {
    const readdir = fs.readdir;
    t.mock.method(fs, 'readdir', (p: string, ...rest: unknown[]) => (path.basename(p) === 'locked' ? Promise.reject(permissionDenied('scandir', p)) : Reflect.apply(readdir, fs, [p, ...rest])));
    const r = await scanAll([root]);
    assert.equal(r.skipped.get('locked/')?.reason, 'unreadable');
    assert.match(r.skipped.get('locked/')?.detail ?? '', /^EACCES: permission denied, scandir /);
    assert.equal(r.files.has('locked/x.ts'), false);
    assert.ok(r.files.has('open.ts'));
  } finally {
    await removeTree(root);
  }
});

test('a missing root is recorded, other roots still scan', async () => {
  const root = await tempTree({ 'a.ts': 'a' });
  try {
    const missing = path.join(root, 'does-not-exist');
    const events = [];
    for await (const e of scanWorkspace([missing, root])) events.push(e);
    assert.equal(events[0].type, 'skipped');
    assert.equal(events[0].type === 'skipped' && events[0].file.reason, 'unreadable');
    assert.equal(events[1].type === 'file' && events[1].file.path, 'a.ts');
  } finally {
    await removeTree(root);
  }
});

test('aborting stops the walk with a cancelled error', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 50; i++) files[`d${i}/f.ts`] = 'x';
  const root = await tempTree(files);
  try {
    const ac = new AbortController();
    let count = 0;
    await assert.rejects(
      (async () => {
        for await (const e of scanWorkspace([root], {}, ac.signal)) {
          if (e.type === 'file' && ++count === 3) ac.abort();
        }
      })(),
      (err: unknown) => err instanceof AskCodebaseError && err.code === 'cancelled',
    );
    assert.equal(count, 3);
  } finally {
    await removeTree(root);
  }
});
