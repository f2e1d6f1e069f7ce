// Doc comments, docstrings, decorators and attributes belong to their declaration's chunk in
// every grammar, so the words that describe a function are searched with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkFile } from '../../../src/core/chunk/chunkFile.js';

/** Fourteen statements: functions big enough that they are never merged with a neighbour. */
const body = (indent: string, line: (i: number) => string) => Array.from({ length: 14 }, (_, i) => indent + line(i)).join('\n');
const cases: Record<string, string> = {
  typescript: `export function first(): number {\n${body('  ', (i) => `const v${i} = ${i};`)}\n  return 1;\n}\n\n/**\n * Documented second.\n */\nexport function second(): number {\n${body('  ', (i) => `const w${i} = ${i};`)}\n  return 2;\n}\n`,
  javascript: `function first() {\n${body('  ', (i) => `const v${i} = ${i};`)}\n}\n\n// Documented second.\n// More.\nfunction second() {\n${body('  ', (i) => `const w${i} = ${i};`)}\n}\n`,
  python: `def first():\n${body('    ', (i) => `v${i} = ${i}`)}\n\n\n# Documented second.\n@decorator\ndef second():\n    """Docstring of second."""\n${body('    ', (i) => `w${i} = ${i}`)}\n`,
  go: `package main\n\nfunc first() {\n${body('\t', (i) => `v${i} := ${i}`)}\n}\n\n// Documented second.\n// More.\nfunc second() {\n${body('\t', (i) => `w${i} := ${i}`)}\n}\n`,
  rust: `fn first() {\n${body('    ', (i) => `let v${i} = ${i};`)}\n}\n\n/// Documented second.\n#[inline]\nfn second() {\n${body('    ', (i) => `let w${i} = ${i};`)}\n}\n`,
  java: `class A {\n  void first() {\n${body('    ', (i) => `int v${i} = ${i};`)}\n  }\n\n  /** Documented second. */\n  @Override\n  void second() {\n${body('    ', (i) => `int w${i} = ${i};`)}\n  }\n}\n`,
  c: `int first(void) {\n${body('  ', (i) => `int v${i} = ${i};`)}\n  return 0;\n}\n\n/* Documented second. */\nint second(void) {\n${body('  ', (i) => `int w${i} = ${i};`)}\n  return 0;\n}\n`,
  cpp: `int first() {\n${body('  ', (i) => `int v${i} = ${i};`)}\n  return 0;\n}\n\n// Documented second.\nint second() {\n${body('  ', (i) => `int w${i} = ${i};`)}\n  return 0;\n}\n`,
  csharp: `class A {\n  void First() {\n${body('    ', (i) => `int v${i} = ${i};`)}\n  }\n\n  /// <summary>Documented second.</summary>\n  void Second() {\n${body('    ', (i) => `int w${i} = ${i};`)}\n  }\n}\n`,
  ruby: `def first\n${body('  ', (i) => `v${i} = ${i}`)}\nend\n\n# Documented second.\ndef second\n${body('  ', (i) => `w${i} = ${i}`)}\nend\n`,
  php: `<?php\nfunction first() {\n${body('  ', (i) => `$v${i} = ${i};`)}\n}\n\n/** Documented second. */\nfunction second() {\n${body('  ', (i) => `$w${i} = ${i};`)}\n}\n`,
  kotlin: `fun first() {\n${body('  ', (i) => `val v${i} = ${i}`)}\n}\n\n/** Documented second. */\nfun second() {\n${body('  ', (i) => `val w${i} = ${i}`)}\n}\n`,
  swift: `func first() {\n${body('  ', (i) => `let v${i} = ${i}`)}\n}\n\n/// Documented second.\nfunc second() {\n${body('  ', (i) => `let w${i} = ${i}`)}\n}\n`,
  bash: `first() {\n${body('  ', (i) => `v${i}=${i}`)}\n}\n\n# Documented second.\nsecond() {\n${body('  ', (i) => `w${i}=${i}`)}\n}\n`,
};

for (const [language, text] of Object.entries(cases)) {
  test(`${language}: the doc comment of a function is in the chunk of that function`, async () => {
    const { chunks } = await chunkFile({ path: `sample.${language}`, text, language });
    const lines = text.split('\n');
    const docLine = lines.findIndex((l) => l.includes('Documented second')) + 1;
    const signatureLine = lines.findIndex((l, i) => i + 1 > docLine && /\b(second|Second)\b/.test(l)) + 1;
    assert.ok(docLine > 0 && signatureLine > docLine, 'sample has a doc comment before its signature');
    const holder = chunks.find((c) => c.startLine <= signatureLine && signatureLine <= c.endLine);
    assert.ok(holder, `a chunk covers line ${signatureLine}`);
    assert.ok(holder.startLine <= docLine, `${language}: chunk ${holder.startLine}-${holder.endLine} starts after the doc comment at ${docLine}`);
    assert.match(holder.text, /Documented second/);
  });
}
