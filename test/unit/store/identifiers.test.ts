import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathTokens, splitIdentifiers } from '../../../src/core/store/identifiers.js';

test('an identifier is emitted whole, lower-cased, then its parts', () => {
  assert.equal(splitIdentifiers('parseConfigFile'), 'parseconfigfile parse config file');
  assert.equal(splitIdentifiers('HTTPServer2'), 'httpserver2 http server 2');
  assert.equal(splitIdentifiers('XMLHttpRequest'), 'xmlhttprequest xml http request');
  assert.equal(splitIdentifiers('user_id'), 'userid user id');
  assert.equal(splitIdentifiers('MAX_RETRY_COUNT'), 'maxretrycount max retry count');
  assert.equal(splitIdentifiers('my-component'), 'mycomponent my component');
  assert.equal(splitIdentifiers('utf8Decode'), 'utf8decode utf 8 decode');
});

test('single-part words are emitted once, and leading/trailing underscores or $ vanish', () => {
  assert.equal(splitIdentifiers('config'), 'config');
  assert.equal(splitIdentifiers('Config'), 'config');
  assert.equal(splitIdentifiers('__init__'), 'init');
  assert.equal(splitIdentifiers('$scope'), 'scope');
  assert.equal(splitIdentifiers('42'), '42');
});

test('code and prose are reduced to word tokens; punctuation and operators separate them', () => {
  assert.equal(splitIdentifiers('const x = getUser(id) + 1;'), 'const x getuser get user id 1');
  assert.equal(splitIdentifiers('foo.barBaz()'), 'foo barbaz bar baz');
  assert.equal(splitIdentifiers('a--b'), 'a b', 'a double hyphen is not a kebab join');
  assert.equal(splitIdentifiers('--no-sandbox'), 'nosandbox no sandbox');
  assert.equal(splitIdentifiers('(.*)+[a-z]{2,} "quoted" \'x\''), 'az a z 2 quoted x', 'a-z reads as a kebab word; harmless for search');
  assert.equal(splitIdentifiers(''), '');
  assert.equal(splitIdentifiers('  \n\t;;; '), '');
});

test('non-ASCII letters stay in words and split on case', () => {
  assert.equal(splitIdentifiers('ÜberKlasse'), 'überklasse über klasse');
  assert.equal(splitIdentifiers('café'), 'café');
  assert.equal(splitIdentifiers('数据处理'), '数据处理');
});

test('queries split the same way as indexed code, so a question meets the identifier', () => {
  const indexed = new Set(splitIdentifiers('function parseConfigFile() {}').split(' '));
  for (const q of ['parse config file', 'parseConfigFile', 'parse_config_file', 'parse-config-file']) {
    for (const token of splitIdentifiers(q).split(' ')) assert.ok(indexed.has(token), `${q}: ${token}`);
  }
});

test('path tokens split folders, file name parts and extension', () => {
  assert.equal(pathTokens('src/store/chunkTable.ts'), 'src store chunktable chunk table ts');
  assert.equal(pathTokens('docs/user-guide/Getting Started.md'), 'docs userguide user guide getting started md');
  assert.equal(pathTokens('C:\\work\\my_file.py'), 'c work myfile my file py');
  assert.equal(pathTokens('.github/workflows/ci.yml'), 'github workflows ci yml');
});
