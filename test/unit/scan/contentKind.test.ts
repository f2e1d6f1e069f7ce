import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentKindOf } from '../../../src/core/scan/contentKind.js';

const expected: Record<string, string[]> = {
  code: ['src/options.go', 'packages/query-core/src/query.ts', 'src/click/core.py', 'plugin/fzf.vim', 'src/App.svelte', 'Makefile', 'shell/key-bindings.bash', 'lib/schema.sql', 'src/protest/a.ts', 'src/click/testing.py'],
  test: ['src/options_test.go', 'tests/test_basic.py', 'packages/a/src/__tests__/x.test.tsx', 'test/test_go.rb', 'test/functional/x.ts', 'examples/basic/index.ts', 'conftest.py', 'cases/parse.test', 'src/__snapshots__/a.snap'],
  docs: ['README.md', 'CHANGELOG.md', 'docs/guide/setup.md', 'docs/framework/react/overview.ts', 'man/man1/fzf.1', 'ADVANCED.md', 'CHANGES.rst', 'LICENSE', 'notes.txt', 'doc/index.adoc', '.changeset/brave-cats.md'],
  data: ['package.json', 'config/settings.yaml', 'data/words.csv', 'Cargo.lock', 'go.sum', 'pom.xml', 'pyproject.toml', '.eslintrc', 'tsconfig.json', 'assets/logo.svg'],
};

test('files are classified as code, test, docs or data from their path', () => {
  for (const [kind, paths] of Object.entries(expected)) {
    for (const p of paths) assert.equal(contentKindOf(p), kind, p);
  }
});

test('Windows separators and a multi-root label prefix classify the same', () => {
  assert.equal(contentKindOf('docs\\guide.md'), 'docs');
  assert.equal(contentKindOf('backend/src/server.ts'), 'code');
  assert.equal(contentKindOf('backend/tests/server.test.ts'), 'test');
});
