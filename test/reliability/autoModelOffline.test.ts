// `ask-codebase index --model auto` when the model cannot be had: a broken-off download against a
// loopback hub (ASK_CODEBASE_AUTO_MODEL_HUB) builds a keyword-only index (exit 0, never a failed
// index) and `status` says why; the next run downloads the model, the index gains vectors, and
// `status` no longer mentions the failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startModelHub, type DownloadFault } from '../unit/helpers/modelHub.js';
import { testModelId } from '../unit/helpers/testModel.js';
import { runCli, tempDir, workspace } from './harness.js';

test('index --model auto: keyword-only with the reason after a broken-off download, vectors after the retry', async () => {
  let fault: DownloadFault = 'interrupt';
  const hub = await startModelHub({ fault: () => fault });
  try {
    const root = await workspace({ 'src/limiter.ts': 'export function refill(bucket: Bucket) {\n  bucket.tokens = bucket.capacity;\n}\n' });
    const db = await tempDir('acb-rel-auto-db-');
    const env = { XDG_CACHE_HOME: await tempDir('acb-rel-auto-cache-'), ASK_CODEBASE_AUTO_MODEL_HUB: hub.url, ASK_CODEBASE_AUTO_MODEL: testModelId, ASK_CODEBASE_MODEL_DIR: undefined };
    const first = await runCli(['index', root, '--db', db, '--model', 'auto', '--no-tune', '--json'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /embedding model unavailable, keyword-only: .*static-glove-100d/);
    const result = JSON.parse(first.stdout.trim().split('\n').at(-1)!) as { chunksStored: number; chunksEmbedded: number; keywordOnly?: string };
    assert.ok(result.chunksStored > 0);
    assert.equal(result.chunksEmbedded, 0);
    assert.ok(result.keywordOnly);
    const said = await runCli(['status', '--db', db], { env });
    assert.match(said.stdout, /Model: {5}none \(keyword \+ symbol search; --model auto could not load its model: .*static-glove-100d/);

    fault = 'none';
    const retry = await runCli(['index', root, '--db', db, '--model', 'auto', '--no-tune', '--json'], { env });
    assert.equal(retry.code, 0, retry.stderr);
    const again = JSON.parse(retry.stdout.trim().split('\n').at(-1)!) as { chunksEmbedded: number; keywordOnly?: string };
    assert.ok(again.chunksEmbedded > 0, retry.stdout.slice(-400));
    assert.equal(again.keywordOnly, undefined);
    const status = await runCli(['status', '--db', db, '--json'], { env });
    const stats = JSON.parse(status.stdout) as { embedderId: string; keywordOnly?: string };
    assert.equal(stats.embedderId, `transformers:${testModelId}`);
    assert.equal(stats.keywordOnly, undefined);
  } finally {
    hub.close();
  }
});
