import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder.js';
import { TransformersEmbedder } from '../../../src/core/embed/transformersEmbedder.js';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import { IndexStore } from '../../../src/core/store/indexStore.js';
import { acquireWriterLock } from '../../../src/core/store/writerLock.js';
import { AskCodebaseError } from '../../../src/core/types.js';
import { testModelId, testModelRoot } from '../helpers/testModel.js';
import { indexOf } from './tempIndex.js';

const files = {
  'src/config.ts': 'export function parseConfigFile(p: string) {\n  // Lädt die Konfiguration: ünïcödé\n  return JSON.parse(p);\n}\n',
  'src/limiter.ts': 'export class RateLimiter {\n  tryAcquire(): boolean {\n    return /^[a-z]+(\\d*)$/.test("x");\n  }\n}\n',
  'src/i18n.ts': 'export const 設定を読み込む = () => "設定ファイルを読み込む";\n',
};

test('empty and whitespace-only questions are refused with a clear message', async () => {
  const { store } = await indexOf(files);
  try {
    for (const q of ['', '   \n\t ']) {
      await assert.rejects(searchIndex(store, q), (err: unknown) => err instanceof AskCodebaseError && err.code === 'empty-query' && /question is empty/.test(err.message));
    }
  } finally {
    await store.close();
  }
});

test('odd questions: 100 KB, non-English, regex metacharacters, punctuation only — answers or says why, never crashes', async () => {
  const { store } = await indexOf(files);
  try {
    const huge = await searchIndex(store, 'parseConfigFile '.repeat(100) + 'x'.repeat(100 * 1024));
    assert.equal(huge.chunks[0]?.path, 'src/config.ts');
    assert.ok(huge.warnings.some((w) => /very long/.test(w)));

    const german = await searchIndex(store, 'Wo wird die Konfiguration geladen? ünïcödé');
    assert.equal(german.chunks[0]?.path, 'src/config.ts');
    const japanese = await searchIndex(store, '設定ファイルを読み込む');
    assert.equal(japanese.chunks[0]?.path, 'src/i18n.ts');

    const regex = await searchIndex(store, 'where is /^[a-z]+(\\d*)$/ used? (.*) [ ] { } | \\ ^ $ + ? " \' AND OR NOT tryAcquire*');
    assert.equal(regex.chunks[0]?.path, 'src/limiter.ts');

    for (const q of ['?!... ---', '--', 'what is the and of it to be', '-- -']) {
      const none = await searchIndex(store, q);
      assert.deepEqual(none.chunks, [], q);
      assert.ok(none.warnings.some((w) => /no searchable words/.test(w)), q);
    }
    const russian = await searchIndex(store, 'где загружается конфигурация файла parseConfigFile?');
    assert.equal(russian.chunks[0]?.path, 'src/config.ts', 'words the English stemmer does not know are searched as they are');
  } finally {
    await store.close();
  }
});

test('an empty index says so; an index being built marks results partial', async () => {
  const { store, dbDir } = await indexOf({});
  try {
    const r = await searchIndex(store, 'parse config');
    assert.deepEqual(r.chunks, []);
    assert.ok(r.warnings.some((w) => /index is empty/.test(w)), r.warnings.join('; '));
    assert.equal(r.partial, false);
  } finally {
    await store.close();
  }

  const built = await indexOf(files);
  const lock = await acquireWriterLock(built.dbDir);
  assert.ok(lock);
  try {
    const r = await searchIndex(built.store, 'parseConfigFile');
    assert.equal(r.partial, true);
    assert.ok(r.warnings.some((w) => /still being built/.test(w)));
    assert.equal(r.chunks[0]?.path, 'src/config.ts', 'what is indexed so far is still found');
  } finally {
    await lock.release();
    await built.store.close();
  }
  const after = await IndexStore.openExisting(built.dbDir);
  try {
    assert.equal((await searchIndex(after, 'parseConfigFile')).partial, false);
  } finally {
    await after.close();
  }
  await fs.rm(dbDir, { recursive: true, force: true });
});

test('a folder without an index gives a clear error', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-noindex-'));
  await assert.rejects(IndexStore.openExisting(dir), (err: unknown) => err instanceof AskCodebaseError && err.code === 'no-index' && /ask-codebase index/.test(err.message));
});

test('an index built with another model: keyword results plus a warning, no crash', async () => {
  const model = await TransformersEmbedder.create({ modelId: testModelId, localModelPath: testModelRoot, allowRemote: false });
  // The same vectors under another id stand for "a different model of the same dimension".
  const other: Embedder = { id: 'transformers:someone/other-model', dimension: model.dimension, queryPrefix: '', documentPrefix: '', embed: (t, s) => model.embed(t, s), dispose: async () => undefined };
  try {
    const { store } = await indexOf(files, { embedder: model });
    try {
      const same = await searchIndex(store, 'parse the config file', { embedder: model });
      assert.equal(same.mode, 'hybrid');
      const r = await searchIndex(store, 'parse the config file', { embedder: other });
      assert.equal(r.mode, 'keyword');
      assert.ok(r.warnings.some((w) => /built with transformers:ask-codebase\/static-glove-100d, not transformers:someone\/other-model/.test(w)), r.warnings.join('; '));
      assert.equal(r.chunks[0]?.path, 'src/config.ts');
    } finally {
      await store.close();
    }
  } finally {
    await model.dispose();
  }
});
