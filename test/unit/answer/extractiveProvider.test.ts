import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion } from '../../../src/core/answer/answerQuestion.js';
import { docSentence, signatureLine } from '../../../src/core/answer/codeSummary.js';
import { ExtractiveProvider } from '../../../src/core/answer/extractiveProvider.js';
import { questionTerms } from '../../../src/core/answer/questionTerms.js';
import { FIXTURE_REPO, readerFor, retrievalOf, standardRetrieval } from './fixtureRetrieval.js';

describe('ExtractiveProvider through answerQuestion', () => {
  it('answers from the sources, says no model was used, and cites validly', async () => {
    const question = 'How does the token bucket refill per second?';
    const deltas: string[] = [];
    const result = await answerQuestion({
      question,
      retrieval: await standardRetrieval(FIXTURE_REPO, question),
      provider: new ExtractiveProvider(),
      readFile: readerFor(FIXTURE_REPO),
      onDelta: (d) => deltas.push(d),
    });
    assert.ok(result.text.startsWith('No language model was used'));
    assert.equal(deltas.join(''), result.text);
    assert.equal(result.provider, 'extractive');
    assert.equal(result.complete, true);
    // Lead sentence, then per source: one citation, the signature, the doc sentence, the matched lines.
    assert.match(result.text, /The closest match is `TokenBucket` in `src\/rateLimiter\.ts`; see also `TokenBucket\.tryTake` in the same file and `retry` in `retry\.py`\./);
    assert.match(result.text, /\*\*`TokenBucket`\*\* \[1\]\n\n```typescript\nexport class TokenBucket \{\n```\n\nLimits how often a caller may proceed\.\n\nLines with `token`, `refill`, `per` and `second`:\n```typescript\n 7 {2}\* Limits how often/);
    assert.match(result.text, /\*\*`TokenBucket\.tryTake`\*\* \[2\]\n\n```typescript\ntryTake\(\): boolean \{\n```\n\nTakes one token if there is one\./);
    assert.match(result.text, /\*\*`retry`\*\* \[3\]\n\n```python\ndef retry\(fn, attempts=3, delay=0\.5\):\n```\n\nCall fn until it succeeds or attempts run out\./);
    assert.match(result.text, /Also related: `DEFAULT_RATE` \[4\]\./);
    for (const n of [1, 2, 3, 4]) assert.ok(result.citations.some((c) => c.sourceIndex === n && c.status === 'valid'), `[${n}] cited`);
    assert.ok(result.citations.every((c) => c.status === 'valid'));
  });

  it('says plainly when there is nothing to answer from', async () => {
    const result = await answerQuestion({
      question: 'Where is the billing code?',
      retrieval: retrievalOf('Where is the billing code?', []),
      provider: new ExtractiveProvider(),
      readFile: readerFor(FIXTURE_REPO),
    });
    assert.match(result.text, /^No language model was used, and no sources were found/);
    assert.deepEqual(result.citations, []);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const retrieval = await standardRetrieval(FIXTURE_REPO, 'q');
    await assert.rejects(
      answerQuestion({ question: 'q', retrieval, provider: new ExtractiveProvider(), readFile: readerFor(FIXTURE_REPO), signal: controller.signal }),
      { code: 'cancelled' },
    );
  });
});

describe('code summary helpers', () => {
  it('reads signatures and doc sentences in several comment styles', () => {
    const ts = '/**\n * Parses a config file. Throws on bad input.\n */\n@decorated()\nexport function parseConfig(text: string) {\n  return 1;\n}';
    assert.equal(signatureLine(ts, 'parseConfig'), 'export function parseConfig(text: string) {');
    assert.equal(docSentence(ts, 'parseConfig'), 'Parses a config file.');
    const go = '// Open opens the store at dir. It creates it if needed.\nfunc Open(dir string) (*Store, error) {\n}';
    assert.equal(docSentence(go, 'Open'), 'Open opens the store at dir.');
    const py = "def load(path):\n    '''\n    Load a model from path\n    and return it.\n    '''\n    return x";
    assert.equal(docSentence(py, 'load'), 'Load a model from path and return it.');
    assert.equal(docSentence('fn main() {}', 'main'), '');
  });

  it('splits question words like identifiers and drops filler words', () => {
    assert.deepEqual(questionTerms('How does parseConfig handle the max_retries setting?'), ['parseconfig', 'parse', 'config', 'handle', 'max_retries', 'max', 'retries', 'setting']);
  });
});
