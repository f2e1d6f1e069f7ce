import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery } from '../../../src/core/retrieve/queryAnalysis.js';
import { AskCodebaseError } from '../../../src/core/types.js';

test('empty and whitespace questions are refused with a clear error', () => {
  for (const q of ['', '   \n\t ']) {
    assert.throws(() => analyzeQuery(q), (e: unknown) => e instanceof AskCodebaseError && e.code === 'empty-query');
  }
});

test('identifiers, paths, quoted strings and error lines are extracted', () => {
  const a = analyzeQuery('Why does parseConfigFile in src/config/loader.ts throw "unexpected token" for user_id?\nTypeError: cannot read x');
  assert.ok(a.identifiers.includes('parseConfigFile'));
  assert.ok(a.identifiers.includes('user_id'));
  assert.ok(a.paths.includes('src/config/loader.ts'));
  assert.ok(a.phrases.includes('unexpected token'));
  assert.ok(a.phrases.some((p) => p.startsWith('TypeError: cannot read')));
  assert.equal(a.terms[0], 'parseconfigfile');
  assert.ok(!a.terms.includes('the') && !a.terms.includes('in'));
});

test('questions about tests are recognised, others not', () => {
  assert.equal(analyzeQuery('where are the unit tests for the parser').aboutTests, true);
  assert.equal(analyzeQuery('how does the parser handle comments').aboutTests, false);
});

test('a 100 KB question is cut down to a bounded set of terms and marked truncated', () => {
  const words = Array.from({ length: 20_000 }, (_, i) => `word${i % 500} handlerNumber${i % 300}`).join(' ');
  const a = analyzeQuery(words);
  assert.equal(a.truncated, true);
  assert.ok(a.terms.length <= 64);
  assert.ok(a.text.length <= 4_000);
});

test('regex metacharacters and other scripts do not break analysis', () => {
  const a = analyzeQuery('what does (.*)+[a-z]{2,}\\d? do — 配置文件 は どこ');
  assert.ok(a.terms.includes('配置文件'));
  assert.equal(typeof a.text, 'string');
});

test('flags, key chords, scoped names and error codes are kept whole as exact tokens', () => {
  const flag = analyzeQuery('where is the --height option parsed?');
  assert.deepEqual(flag.exact, ['height']);
  assert.equal(flag.terms[0], 'height');
  assert.deepEqual(analyzeQuery('what does -k do').exact, ['k'], 'a one-letter flag survives');

  const chord = analyzeQuery('what happens when the user presses ctrl-r?');
  assert.ok(chord.exact.includes('ctrlr'), chord.exact.join(' '));
  assert.ok(chord.exact.includes('cr'), "bash spells it \\C-r");
  assert.ok(chord.terms.includes('ctrlr'));
  const chords = analyzeQuery('bind alt-enter and C-x').exact;
  assert.ok(chords.includes('altenter') && chords.includes('cx'), chords.join(' '));

  const scoped = analyzeQuery('what does std::mem::take do here, and os.path.join?');
  assert.ok(scoped.exact.includes('take'));
  assert.ok(scoped.identifiers.includes('take') && scoped.identifiers.includes('os.path.join'));

  const codes = analyzeQuery('fails with ENOENT and E501');
  assert.ok(codes.exact.includes('enoent') && codes.exact.includes('e501'), codes.exact.join(' '));
  assert.deepEqual(analyzeQuery('how are command line options parsed').exact, [], 'plain words are not exact tokens');
  assert.deepEqual(analyzeQuery('a plain-language question about a-z ranges').exact, [], 'hyphenated prose is not a flag or chord');
});

test('questions about docs, configuration or usage are recognised; questions about code are not', () => {
  for (const q of ['what do the docs say about themes?', 'how do I configure the color scheme', 'where is this explained in README.md', 'what does the changelog say about 0.40', 'which config file options exist']) {
    assert.equal(analyzeQuery(q).aboutDocs, true, q);
  }
  for (const q of ['where is the --height option parsed?', 'how does it score a fuzzy match?', 'how are command line options parsed', 'where is the logger configured']) {
    assert.equal(analyzeQuery(q).aboutDocs, false, q);
  }
});
