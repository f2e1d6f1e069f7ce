import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docDescription } from '../../../src/core/tune/docComments.js';

test('a JSDoc block gives its first sentences, without tags or markup', () => {
  const text = ['/**', ' * Returns the height of the window, parsing percentages of the terminal.', ' * Negative values count from the bottom.', ' * @param spec the {@link HeightSpec} text', ' */', 'export function windowHeight(spec: string) {', '  return 1;', '}'].join('\n');
  assert.equal(docDescription(text, 'windowHeight'), 'Returns the height of the window, parsing percentages of the terminal. Negative values count from the bottom.');
});

test('Go and Rust line comments and Python docstrings are read too', () => {
  assert.equal(docDescription('// trimRight removes trailing whitespace\n// Keeps ANSI escape sequences that close a colour.\nfunc trim() {}', 'trim'), 'trimRight removes trailing whitespace Keeps ANSI escape sequences that close a colour.');
  const py = ['def echo(message, file=None):', '    """Print a message and a newline to the given file or standard output.', '', '    :param message: the text', '    """', '    pass'].join('\n');
  assert.equal(docDescription(py, 'echo'), 'Print a message and a newline to the given file or standard output.');
});

test('a comment naming its function, a short one, or none gives no description', () => {
  assert.equal(docDescription('/** Calls parseHeight on the given input and caches it. */\nfunction parseHeight() {}', 'parseHeight'), undefined);
  assert.equal(docDescription('// Small helper.\nfunction f() {}', 'f'), undefined);
  assert.equal(docDescription('function g() { return 1; }', 'g'), undefined);
  assert.equal(docDescription('/* never closed\nfunction h() {}', 'h'), undefined);
});
