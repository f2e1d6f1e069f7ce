// The build process (src/core/index/buildProcess.ts) across the process boundary, from source:
// its pid is its own, progress and results come back, pause holds it and resume releases it,
// cancel stops it, a mass delete asks the parent, and a kill -9 mid-build fails the job with
// 'build-process-died' while the next build leaves a complete, consistent index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BuildProcess } from '../../src/core/index/buildProcess.js';
import type { IndexJobOptions, IndexJobResult } from '../../src/core/index/buildProtocol.js';
import { PauseGate } from '../../src/core/index/pauseGate.js';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { acquireWriterLock } from '../../src/core/store/writerLock.js';
import { AskCodebaseError, type ProgressEvent } from '../../src/core/types.js';
import { sampleChunks } from '../unit/helpers/storeTables.js';
import { tempDir, workspace } from './harness.js';
import { shopRepo } from '../unit/tune/gitRepo.js';
import type { TuningReport } from '../../src/core/tune/tuneIndex.js';

const FILES = 120;
const files = Object.fromEntries(
  Array.from({ length: FILES }, (_, i) => [`src/part${i % 4}/unit${i}.ts`, `export function unit${i}Entry(x: number) {\n  return x * ${i}; // CHILDMARK_${i}_END\n}\n`]),
);

const job = (root: string, dbDir: string, extra: Partial<IndexJobOptions> = {}) => ({ kind: 'index' as const, options: { roots: [{ path: root }], dbDir, embedder: { kind: 'none' as const }, workers: 1, ...extra } });

/** Resolves with the first progress event of the chunk phase (the walk is over, files are next). */
function chunkPhase(events: ProgressEvent[]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (events.some((e) => e.phase === 'chunk')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
}

async function assertComplete(db: string): Promise<void> {
  const store = await IndexStore.openExisting(db);
  try {
    const indexed = (await store.listFiles()).filter(([, f]) => f.status !== 'skipped');
    assert.equal(indexed.length, FILES, 'every file has one record');
    const chunks = await sampleChunks(store, 1_000_000);
    assert.equal(chunks.length, indexed.reduce((n, [, f]) => n + f.chunkCount, 0), 'the files table counts the chunks there are');
    const marks = new Set(chunks.flatMap((c) => [...c.text.matchAll(/CHILDMARK_(\d+)_END/g)].map((m) => m[1])));
    assert.equal(marks.size, FILES, 'every file is searchable');
  } finally {
    await store.close();
  }
}

test('a build runs in its own process, reports progress, and its index is complete', async () => {
  const root = await workspace(files);
  const db = await tempDir('acb-child-db-');
  const child = BuildProcess.start();
  assert.notEqual(child.pid, process.pid);
  const events: ProgressEvent[] = [];
  const { result, stats } = await child.run<IndexJobResult>(job(root, db), { onProgress: (e) => events.push(e) });
  await child.close();
  assert.equal(stats?.files, FILES, 'the index numbers come back with the result');
  assert.equal(child.alive, false, 'the process exits once closed');
  assert.equal(result.added, FILES);
  assert.equal(result.cancelled, false);
  assert.ok(events.some((e) => e.phase === 'chunk' && e.filesTotal === FILES), 'progress came back');
  assert.ok(child.peakRssBytes > 0, 'the process reports its peak memory');
  await assertComplete(db);
});

test('pause holds the build in the other process, resume lets it finish; cancel stops it', async () => {
  const root = await workspace(files);
  const gate = new PauseGate();
  gate.pause();
  const child = BuildProcess.start({ gate });
  const events: ProgressEvent[] = [];
  let finished = false;
  const run = child.run<IndexJobResult>(job(root, await tempDir('acb-child-db-')), { onProgress: (e) => events.push(e) }).finally(() => (finished = true));
  await chunkPhase(events);
  // Paused before its first file: no file can be done however long we wait here.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(finished, false, 'a paused build does not finish');
  assert.ok(events.every((e) => e.filesDone === 0 || e.phase === 'scan'), 'no file was chunked while paused');
  gate.resume();
  const { result } = await run;
  assert.equal(result.added, FILES);
  assert.equal(result.cancelled, false);

  // Cancel: paused again in the same process, then the signal aborts.
  gate.pause();
  const ac = new AbortController();
  const cancelEvents: ProgressEvent[] = [];
  await fs.writeFile(path.join(root, 'src/part0/unit0.ts'), 'export const changed = 1;\n');
  const db2 = await tempDir('acb-child-db-');
  const cancelled = child.run<IndexJobResult>(job(root, db2), { signal: ac.signal, onProgress: (e) => cancelEvents.push(e) });
  await chunkPhase(cancelEvents);
  ac.abort();
  const { result: r, stats: cancelledStats } = await cancelled;
  assert.equal(cancelledStats, undefined);
  assert.equal(r.cancelled, true);
  assert.equal(r.added, 0, 'nothing was stored after the cancel');
  gate.resume();
  await child.close();
});

test('a mass delete is asked of the parent, and a refusal fails the job with its code', async () => {
  const root = await workspace(files);
  const db = await tempDir('acb-child-db-');
  const child = BuildProcess.start();
  await child.run(job(root, db));
  for (let i = 0; i < FILES * 0.75; i++) await fs.rm(path.join(root, Object.keys(files)[i]));
  const asked: number[] = [];
  await assert.rejects(
    child.run(job(root, db), { ask: async (q) => (asked.push(q.removing), false) }),
    (err: unknown) => err instanceof AskCodebaseError && err.code === 'mass-delete',
  );
  assert.deepEqual(asked, [90]);
  await child.close();
});

test('kill -9 of the build process mid-build fails the job as died; the next build is complete', async () => {
  const root = await workspace(files);
  const db = await tempDir('acb-child-db-');
  const gate = new PauseGate();
  gate.pause();
  const child = BuildProcess.start({ gate });
  const events: ProgressEvent[] = [];
  const run = child.run(job(root, db), { onProgress: (e) => events.push(e) });
  await chunkPhase(events);
  process.kill(child.pid, 'SIGKILL');
  await assert.rejects(run, (err: unknown) => err instanceof AskCodebaseError && err.code === 'build-process-died' && /SIGKILL/.test(err.message));
  assert.equal(child.alive, false);
  const again = BuildProcess.start();
  const { result } = await again.run<IndexJobResult>(job(root, db));
  await again.close();
  assert.equal(result.cancelled, false);
  await assertComplete(db);
});

test('the self-evaluation runs in the build process after a first build, and not again after it', async () => {
  const { dir } = await shopRepo(12);
  const db = await tempDir('acb-child-tune-db-');
  const child = BuildProcess.start();
  try {
    const { result } = await child.run<IndexJobResult>(job(dir, db));
    const tune = { kind: 'tune' as const, options: { dbDir: db, root: dir, buildMs: result.totalMs, embedder: { kind: 'none' as const } } };
    const report = await child.run<TuningReport | undefined>(tune);
    assert.ok(report, 'a new index gets a self-evaluation');
    assert.equal(report.pairs.commit, 12, 'the repository history reached the other process');
    assert.equal(report.saved, true);
    assert.equal(await child.run(tune), undefined, 'an index with its report is not tuned again');
  } finally {
    await child.close();
  }
  const store = await IndexStore.openExisting(db);
  try {
    assert.equal(JSON.parse((await store.readMetaValue('selfTuning'))!).pairs.commit, 12, 'the report is saved with the index');
  } finally {
    await store.close();
  }
});

test('space reclaim runs in the build process, and yields to another writer there too', async () => {
  const root = await workspace(files);
  const db = await tempDir('acb-child-reclaim-db-');
  const child = BuildProcess.start();
  try {
    await child.run<IndexJobResult>(job(root, db));
    const lock = await acquireWriterLock(db);
    assert.ok(lock);
    try {
      assert.equal(await child.run({ kind: 'reclaim', options: { dbDir: db } }), false, 'another writer holds the index');
    } finally {
      await lock.release();
    }
    assert.equal(await child.run({ kind: 'reclaim', options: { dbDir: db } }), true);
  } finally {
    await child.close();
  }
  await assertComplete(db);
});
