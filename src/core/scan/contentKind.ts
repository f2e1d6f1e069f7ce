// What a file is for, from its path alone: code, tests (and fixtures, examples), documentation
// prose, or data and configuration. Retrieval ranks code first and gives the rest its own lane.
import path from 'node:path';

export type ContentKind = 'code' | 'test' | 'docs' | 'data';
export const CONTENT_KINDS: readonly ContentKind[] = ['code', 'test', 'docs', 'data'];

const TEST_DIR = /(^|\/)(__tests__|__mocks__|__testfixtures__|__fixtures__|__snapshots__|tests?|spec|specs|testdata|test-?utils?|fixtures?|examples?|samples?|sample|e2e|integrations?|playground|benchmarks?)(\/|$)/i;
/** `*.test.ts`, `foo_test.go`, `test_x.py`, `conftest.py`, and custom-extension test files such as `x.test`. */
const TEST_FILE = /(\.|_|-)(test|spec|tests|bench|stories|e2e)(-d)?\.[^./]+$|(^|\/)test_[^/]+\.py$|(^|\/)conftest\.py$|_test\.go$|\.(test|spec)$|(^|\/)test-setup\.[^/]+$/i;

/** Prose by extension: Markdown, reStructuredText, AsciiDoc, plain text, Org, man pages (`.1`–`.9`). */
const DOC_EXTENSIONS = new Set(['md', 'mdx', 'markdown', 'rst', 'adoc', 'asciidoc', 'txt', 'text', 'org', 'pod', 'rdoc', 'tex', 'man', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const DOC_NAME = /^(readme|changelog|changes|history|news|authors|contributors|contributing|license|licence|copying|notice|code_of_conduct|security|support|upgrading|migration|faq|todo|thanks)([._-][^/]*)?$/i;
/** Everything under a documentation folder is docs, including a docs site's own scripts. */
const DOC_DIR = /(^|\/)(docs?|documentation|man|manual|wiki|\.changeset|changelogs?|website\/content)(\/|$)/i;

const DATA_EXTENSIONS = new Set([
  'json', 'jsonc', 'json5', 'jsonl', 'ndjson', 'yaml', 'yml', 'toml', 'xml', 'csv', 'tsv', 'ini', 'cfg', 'conf', 'properties',
  'lock', 'plist', 'snap', 'pbtxt', 'proto.bin', 'dat', 'env', 'editorconfig', 'gitattributes', 'gitignore', 'npmignore',
  'prettierrc', 'eslintrc', 'babelrc', 'nvmrc', 'npmrc', 'svg', 'map', 'sum', 'mod',
]);
const DATA_NAME = /^(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|go\.sum|go\.mod|poetry\.lock|gemfile\.lock|composer\.lock|\.[\w-]+rc)$/i;

/** Classifies a '/'-separated path relative to its root (a multi-root label prefix does no harm). */
export function contentKindOf(relPath: string): ContentKind {
  const p = relPath.replaceAll('\\', '/');
  const base = path.posix.basename(p);
  if (isTestLikePath(p)) return 'test';
  const ext = extensionOf(base);
  if (DOC_EXTENSIONS.has(ext) || DOC_NAME.test(base) || DOC_DIR.test(p)) return 'docs';
  if (DATA_EXTENSIONS.has(ext) || DATA_NAME.test(base)) return 'data';
  return 'code';
}

/** Docs and data: the kinds that follow code in a ranking unless the question asks for them. */
export function followsCode(kind: string): boolean {
  return kind === 'docs' || kind === 'data';
}

export function isTestLikePath(relPath: string): boolean {
  return TEST_DIR.test(relPath) || TEST_FILE.test(relPath);
}

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
