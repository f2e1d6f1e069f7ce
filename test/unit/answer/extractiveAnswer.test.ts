import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signatureLines } from '../../../src/core/answer/codeSummary.js';
import { extractiveAnswer } from '../../../src/core/answer/extractiveAnswer.js';
import { highlightTerms, matchedLines, termsIn, wordStem } from '../../../src/core/answer/matchedLines.js';
import type { PromptSource } from '../../../src/core/answer/types.js';

function source(index: number, path: string, startLine: number, symbol: string, language: string, text: string): PromptSource {
  const endLine = startLine + text.split('\n').length - 1;
  return { index, path, startLine, endLine, symbol, language, text, contentHash: '', signals: { keyword: { rank: index } }, truncated: false, fromSelection: false };
}

const PY = [
  'def render_table(',
  '    rows: list[Row],',
  '    *,',
  '    width: int | None = None,',
  ') -> str:',
  '    """Lay out rows as an aligned text table."""',
  '    widths = column_widths(rows)',
  '    if width is not None:',
  '        widths = shrink_to_width(widths, width)',
  '    return "\\n".join(pad_row(r, widths) for r in rows)',
].join('\n');

const TS = [
  '/** Reads the settings file and fills in defaults. */',
  'export async function loadSettings(',
  '  file: string,',
  '  defaults: Partial<Settings> = {},',
  '): Promise<Settings> {',
  '  const text = await readFile(file, "utf8");',
  '  return { ...defaults, ...parseSettings(text) };',
  '}',
].join('\n');

describe('extractive answer composition', () => {
  const sources = [
    source(1, 'lib/table.py', 40, 'render_table', 'python', PY),
    source(2, 'src/settings.ts', 10, 'loadSettings', 'typescript', TS),
    source(3, 'lib/table.py', 90, 'column_widths', 'python', 'def column_widths(rows):\n    return [max(len(c) for c in col) for col in zip(*rows)]'),
  ];
  const text = extractiveAnswer('How is a table shrunk to the terminal width?', sources).join('');

  it('opens with one sentence that names the best place and its file, and the others', () => {
    const lead = text.split('\n')[0];
    assert.match(lead, /^No language model was used: /);
    assert.match(lead, /The closest match is `render_table` in `lib\/table\.py`; see also `loadSettings` in `settings\.ts` and `column_widths` in the same file\.$/);
  });

  it('lists the best source first, each with one citation and no path printed again', () => {
    const headings = [...text.matchAll(/^\*\*`([^`]+)`\*\* \[(\d+)\]$/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(headings, ['render_table 1', 'loadSettings 2', 'column_widths 3']);
    for (const n of [1, 2, 3]) assert.equal(text.split(`[${n}]`).length - 1, 1, `[${n}] appears once`);
    // Only the lead sentence names a path; each entry's chip shows it.
    assert.equal(text.split('lib/table.py').length - 1, 1);
  });

  it('shows whole multi-line signatures, the doc sentence and the lines that hold the question words', () => {
    assert.ok(text.includes('```python\ndef render_table(\n    rows: list[Row],\n    *,\n    width: int | None = None,\n) -> str:\n```'), text);
    assert.ok(text.includes('```typescript\nexport async function loadSettings(\n  file: string,\n  defaults: Partial<Settings> = {},\n): Promise<Settings> {\n```'), text);
    assert.ok(text.includes('Reads the settings file and fills in defaults.'));
    // "shrunk" is not in the code, "width" is: the lines with it, numbered as in the file, signature lines left out.
    assert.ok(text.includes('Lay out rows as an aligned text table.'));
    assert.match(text, /Lines with `width`:\n```python\n46 {2}widths = column_widths\(rows\)\n47 {2}if width is not None:\n48 {2}widths = shrink_to_width\(widths, width\)\n```/);
  });

  it('says when nothing was found, and ignores the editor selection as a finding', () => {
    assert.match(extractiveAnswer('anything', [])[0], /no sources were found/);
    const selected = { ...sources[0], fromSelection: true };
    assert.match(extractiveAnswer('anything', [selected])[0], /no sources were found/);
  });

  it('cannot be broken by backticks in quoted code', () => {
    const md = source(1, 'docs/guide.md', 1, '', 'markdown', 'Use ```retry``` blocks to retry.\nNothing else.');
    const out = extractiveAnswer('How do I retry?', [md]).join('');
    assert.match(out, /````markdown\n1 {2}Use ```retry``` blocks to retry\.\n````/);
    assert.match(out, /The closest match is lines 1–2 of `guide\.md` \(`docs\/guide\.md`\)\./);
  });
});

describe('a source grown over several declarations', () => {
  const grown = [
    'def ask_yes_no(text):',
    '    """Ask a yes/no question."""',
    '    return text',
    '',
    '',
    'def ask_value(',
    '    text,',
    '    retry_invalid=True,',
    '):',
    '    """Ask for a value, again while it is invalid."""',
    '    while retry_invalid:',
    '        pass',
  ].join('\n');

  it('is named for the declaration holding its best line, with that signature', () => {
    const out = extractiveAnswer('Which function asks again when the value is invalid?', [source(1, 'lib/ask.py', 100, 'ask_yes_no', 'python', grown)]).join('');
    assert.match(out, /The closest match is `ask_value` in `lib\/ask\.py`\./);
    assert.ok(out.includes('**`ask_value`** [1]\n\n```python\ndef ask_value(\n    text,\n    retry_invalid=True,\n):\n```\n\nAsk for a value, again while it is invalid.'), out);
  });

  it("names a method inside the symbol's class as Class.method", () => {
    const cls = ['class Prompter:', '    def ask_value(self, text):', '        return validate(text)'].join('\n');
    const out = extractiveAnswer('Where is the value validated?', [source(1, 'lib/ask.py', 1, 'Prompter', 'python', cls)]).join('');
    assert.match(out, /\*\*`Prompter\.ask_value`\*\* \[1\]\n\n```python\ndef ask_value\(self, text\):\n```/);
  });
});

describe('matched lines', () => {
  it('ranks lines by how many (and how rare) question words they hold, in file order', () => {
    const text = 'a = 1\nparse the height\nheight only\nwidth and height and parse';
    assert.deepEqual(matchedLines(text, 10, ['height', 'parse'], { max: 2 }).map((m) => m.line), [11, 13]);
    const weights = new Map([['height', 0.1], ['parse', 5]]);
    assert.deepEqual(matchedLines(text, 10, ['height', 'parse'], { max: 1, weights }).map((m) => m.terms), [['height', 'parse']]);
    assert.deepEqual(matchedLines(text, 10, [], { skip: () => false }), []);
  });

  it('meets other forms of a word and skips the language keywords', () => {
    assert.equal(wordStem('parsing'), wordStem('parse'));
    assert.equal(wordStem('windows'), wordStem('window'));
    assert.notEqual(wordStem('process'), 'proces');
    assert.deepEqual(termsIn(['parsing', 'percentages'], 'def parse_percentage(x):'), ['parsing', 'percentages']);
    assert.deepEqual(highlightTerms('Which function returns the parsed height?'), ['parsed', 'height']);
  });

  it('marks a signature cut at the limit as cut', () => {
    const long = ['function f(', ...Array.from({ length: 20 }, (_, i) => `  a${i}: number,`), ') {'].join('\n');
    const sig = signatureLines(long, 'f');
    assert.equal(sig.lines.at(-1), '…');
    assert.equal(sig.offset, 0);
  });
});
