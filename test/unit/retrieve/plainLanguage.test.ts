// Plain-language questions against a real index: stemmed matching of identifier parts, code
// before docs and data unless the question asks for docs, and exact tokens (flags, key chords).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import type { IndexStore } from '../../../src/core/store/indexStore.js';
import { indexOf } from './tempIndex.js';

const prose = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} option sets the height of the finder window. Heights given as a percentage are parsed relative to the terminal (${i}).`).join('\n\n');

const files = {
  'README.md': `# Finder\n\n## Options\n\n${prose('--height', 6)}\n`,
  'CHANGELOG.md': `# Changes\n\n- Fixed: --height given in percent was parsed wrongly\n- The --height option parsed negative heights\n${prose('--height', 3)}\n`,
  'docs/options.md': `# The height option\n\n${prose('--height', 5)}\n`,
  'man/man1/finder.1': `.TH FINDER 1\n.SH OPTIONS\n.TP\n.B --height\n${prose('--height', 4)}\n`,
  'data/defaults.yaml': Array.from({ length: 40 }, (_, i) => `height_${i}: parsed value ${i} of the height option`).join('\n') + '\n',
  'src/options.go': [
    'package finder',
    '',
    'func parseHeight(str string) (sizeSpec, error) {',
    '\tif strings.HasSuffix(str, "%") {',
    '\t\treturn sizeSpec{percent: true}, nil',
    '\t}',
    ...Array.from({ length: 10 }, (_, i) => `\tcheckSize(str, ${i})`),
    '\treturn atoi(str)',
    '}',
    '',
    'func parseOptions(opts *Options, allArgs []string) error {',
    '\tfor i := 0; i < len(allArgs); i++ {',
    '\t\tswitch allArgs[i] {',
    '\t\tcase "--height":',
    '\t\t\topts.Height, _ = parseHeight(nextString(allArgs, &i))',
    '\t\tcase "ctrl-r":',
    '\t\t\topts.History = true',
    ...Array.from({ length: 6 }, (_, i) => `\t\tcase "--flag${i}":\n\t\t\topts.Flag${i} = true`),
    '\t\t}',
    '\t}',
    '\treturn nil',
    '}',
    '',
  ].join('\n'),
  'src/users.go': 'package finder\n\n// The user list of the current user: user name, user id, user home.\nfunc currentUser() User {\n\treturn User{name: "user", home: "~user"}\n}\n',
  'shell/key-bindings.bash': '# Binds the history widget.\nbind -m emacs-standard \'"\\C-r": "__finder_history__"\'\n',
};

let store: IndexStore;
before(async () => {
  store = (await indexOf(files)).store;
});
after(async () => {
  await store.close();
});

test('a question about code finds the code, not the docs that describe it', async () => {
  const r = await searchIndex(store, 'where is the --height option parsed?', { k: 10 });
  assert.equal(r.chunks[0]?.path, 'src/options.go', r.chunks.map((c) => `${c.path}:${c.startLine}`).join(', '));
  // Docs and data take at most 2 of every 10 places while code results remain.
  const lastCode = r.chunks.findLastIndex((c) => c.contentKind === 'code');
  const otherBefore = r.chunks.slice(0, lastCode).filter((c) => c.contentKind === 'docs' || c.contentKind === 'data').length;
  assert.ok(otherBefore <= Math.ceil(((lastCode + 1) * 2) / 10), r.chunks.map((c) => `${c.path}:${c.contentKind}`).join(', '));
  assert.ok(r.chunks.some((c) => c.contentKind === 'docs'), 'docs are still offered, after the code');
});

test('stemming meets identifier parts: "parsed heights" finds parseHeight, "options parsed" finds parseOptions', async () => {
  const heights = await searchIndex(store, 'how are heights parsed', { k: 5 });
  const found = heights.chunks.slice(0, 2).find((c) => c.symbol === 'parseHeight');
  assert.ok(found, heights.chunks.map((c) => `${c.path}:${c.symbol}`).join(', '));
  assert.doesNotMatch(found.text, /parsed|heights/, 'found through stems of its identifier parts, not literal words');
  const options = await searchIndex(store, 'how are command line options parsed', { k: 5 });
  assert.equal(options.chunks[0]?.path, 'src/options.go');
  assert.ok(options.chunks.slice(0, 2).some((c) => c.symbol === 'parseOptions'));
});

test('a question about the docs puts the docs lane first', async () => {
  const r = await searchIndex(store, 'what do the docs say about the height option?', { k: 10 });
  assert.equal(r.chunks[0]?.contentKind, 'docs', r.chunks.map((c) => c.path).join(', '));
  assert.ok(r.chunks.slice(0, 10).filter((c) => c.contentKind === 'docs').length > 2);
});

test('a key chord is searched whole: ctrl-r finds both spellings, not the word "user"', async () => {
  const r = await searchIndex(store, 'what happens when the user presses ctrl-r?', { k: 5 });
  const top = r.chunks.slice(0, 2).map((c) => c.path).sort();
  assert.deepEqual(top, ['shell/key-bindings.bash', 'src/options.go'], r.chunks.map((c) => c.path).join(', '));
});

test('the stemmed field can be fused as a list of its own, and says so in the evidence', async () => {
  const r = await searchIndex(store, 'how are heights parsed', { k: 5, keyword: { separateProse: true } });
  const top = r.chunks.find((c) => c.symbol === 'parseHeight');
  assert.ok(top?.signals.prose, r.chunks.map((c) => `${c.symbol}:${Object.keys(c.signals).join('+')}`).join(', '));
  assert.equal(top.signals.keyword, undefined, 'the identifier field alone has no "parsed" or "heights"');
});
