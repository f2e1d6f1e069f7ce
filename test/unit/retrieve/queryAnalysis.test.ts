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
