import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder.js';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { runIndex } from '../../../src/core/index/indexer.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { acquireWriterLock } from '../../../src/core/store/writerLock.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

const files = {
  'src/config.ts': 'export function parseConfigFile(p: string) {\n  return JSON.parse(p);\n}\n',
  'src/limiter.ts': 'export class RateLimiter {\n  tryAcquire() {\n    return true;\n  }\n}\n',
  'lib/report.py': 'def build_usage_report(counts):\n    return "\\n".join(counts)\n',
  '.env': 'API_KEY=not-a-real-key\n',
};

async function keywordHits(dbDir: string, q: string) {
  const store = await IndexStore.openExisting(dbDir);
  try {
    return (await searchIndex(store, q, { mode: 'keyword' })).chunks;
  } finally {
    await store.close();
  }
}

async function keywordTop(dbDir: string, q: string): Promise<string | undefined> {
  return (await keywordHits(dbDir, q))[0]?.path;
}

test('an incremental run sees new, changed, touched, deleted and unchanged files', async () => {
  const root = await workspace(files);
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  const first = await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  assert.equal(first.added, 3);
  assert.equal(first.skipped, 1, 'the .env file is skipped as a secret');
  assert.equal(await keywordTop(dbDir, 'parse config file'), 'src/config.ts');

  await fs.writeFile(path.join(root, 'src/config.ts'), 'export function loadSettings(p: string) {\n  return p;\n}\n');
  await fs.rm(path.join(root, 'lib/report.py'));
  await fs.writeFile(path.join(root, 'src/new.ts'), 'export const greeting = "hello";\n');
  const later = new Date(Date.now() + 5_000);
  await fs.utimes(path.join(root, 'src/limiter.ts'), later, later); // touched: same content
  const second = await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  assert.deepEqual(
    { added: second.added, changed: second.changed, touched: second.touched, deleted: second.deleted, unchanged: second.unchanged },
    { added: 1, changed: 1, touched: 1, deleted: 1, unchanged: 0 },
  );
  assert.equal(await keywordTop(dbDir, 'load settings'), 'src/config.ts');
  assert.ok((await keywordHits(dbDir, 'parseConfigFile')).every((c) => !c.text.includes('parseConfigFile')), 'old content is gone');
  assert.equal(await keywordTop(dbDir, 'build usage report'), undefined, 'deleted file is gone');

  const third = await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  assert.equal(third.unchanged, 3);
  assert.equal(third.chunksStored, 0);
  const stats = await IndexStore.readStats(dbDir);
  assert.equal(stats.files, 3);
  assert.equal(stats.skippedByReason.secret, 1);
});

test('with an embedder: a renamed file reuses its vectors, and a killed embed phase resumes', async () => {
  const embedder = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false });
  try {
    const root = await workspace(files);
    const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
    // Stop the first run as soon as embedding starts: chunks are stored, vectors are not.
    const ac = new AbortController();
    const cut = await runIndex({ roots: [{ path: root }], dbDir, embedder, signal: ac.signal, onProgress: (e) => e.phase === 'embed' || e.phase === 'optimize' ? ac.abort() : undefined });
    assert.equal(cut.cancelled, true);
    assert.equal(await keywordTop(dbDir, 'parse config file'), 'src/config.ts', 'searchable by keyword before embeddings finish');

    const resumed = await runIndex({ roots: [{ path: root }], dbDir, embedder });
    assert.equal(resumed.cancelled, false);
    assert.equal(resumed.added + resumed.changed, 0, 'no file is chunked again');
    assert.ok(resumed.chunksEmbedded > 0, 'the missing vectors were computed');
    const store = await IndexStore.openExisting(dbDir);
    assert.equal(await store.countChunksMissingVectors(), 0);
    await store.close();

    await fs.rename(path.join(root, 'src/limiter.ts'), path.join(root, 'src/throttle.ts'));
    const renamed = await runIndex({ roots: [{ path: root }], dbDir, embedder });
    assert.equal(renamed.added, 1);
    assert.equal(renamed.deleted, 1);
    assert.equal(renamed.chunksEmbedded, 0, 'identical content is not embedded again');
    assert.ok(renamed.vectorsReused > 0);
  } finally {
    await embedder.dispose();
  }
});

test('a second writer is refused with a clear error while readers keep working', async () => {
  const root = await workspace(files);
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  const lock = await acquireWriterLock(dbDir);
  assert.ok(lock);
  try {
    await assert.rejects(runIndex({ roots: [{ path: root }], dbDir, embedder: null }), (e: unknown) => e instanceof AskCodebaseError && e.code === 'index-locked');
    assert.equal(await keywordTop(dbDir, 'rate limiter'), 'src/limiter.ts');
  } finally {
    await lock.release();
  }
});

test('changing the model rebuilds the index and says why', async () => {
  const root = await workspace(files);
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  const fake: Embedder = {
    id: 'test:constant', dimension: 3, queryPrefix: '', documentPrefix: '',
    embed: async (texts) => texts.map(() => Float32Array.from([1, 0, 0])),
    dispose: async () => {},
  };
  const messages: string[] = [];
  const r = await runIndex({ roots: [{ path: root }], dbDir, embedder: fake, onMessage: (_l, m) => messages.push(m) });
  assert.match(r.rebuildReason ?? '', /embedding model changed/);
  assert.ok(messages.some((m) => m.startsWith('Rebuilding the index')));
  assert.equal(r.added, 3);
});

test('multi-root workspaces label paths by folder', async () => {
  const a = await workspace({ 'x.ts': 'export function alphaThing() {}\n' });
  const b = await workspace({ 'x.ts': 'export function betaThing() {}\n' });
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  await runIndex({ roots: [{ path: a, label: 'front' }, { path: b, label: 'back' }], dbDir, embedder: null });
  assert.equal(await keywordTop(dbDir, 'betaThing'), 'back/x.ts');
  assert.equal(await keywordTop(dbDir, 'alphaThing'), 'front/x.ts');
});

test('a targeted update re-reads only the saved files; an unknown path falls back to a full run', async () => {
  const root = await workspace(files);
  const dbDir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-db-'));
  await runIndex({ roots: [{ path: root }], dbDir, embedder: null });
  await fs.writeFile(path.join(root, 'src/limiter.ts'), 'export class TokenBucketThrottle {}\n');
  const saved = await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onlyPaths: ['src/limiter.ts'] });
  assert.deepEqual({ seen: saved.filesSeen, changed: saved.changed, deleted: saved.deleted }, { seen: 1, changed: 1, deleted: 0 });
  assert.equal(await keywordTop(dbDir, 'TokenBucketThrottle'), 'src/limiter.ts');
  await fs.rm(path.join(root, 'src/config.ts'));
  const removed = await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onlyPaths: ['src/config.ts'] });
  assert.equal(removed.deleted, 1);
  await fs.writeFile(path.join(root, 'src/brandNew.ts'), 'export const brandNewThing = 1;\n');
  const fresh = await runIndex({ roots: [{ path: root }], dbDir, embedder: null, onlyPaths: ['src/brandNew.ts'] });
  assert.equal(fresh.added, 1);
  assert.equal(fresh.filesSeen, 3, 'a full walk decided about the new file');
});
