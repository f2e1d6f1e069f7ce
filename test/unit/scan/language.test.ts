import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageForPath } from '../../../src/core/scan/language.js';

test('language ids by extension, by well-known name, and text otherwise', () => {
  const cases: Record<string, string> = {
    'a.ts': 'typescript', 'b.d.ts': 'typescript', 'c.tsx': 'tsx', 'd.jsx': 'javascript', 'e.mjs': 'javascript', 'f.cjs': 'javascript',
    'g.py': 'python', 'h.go': 'go', 'i.rs': 'rust', 'j.java': 'java', 'k.c': 'c', 'l.h': 'c', 'm.cc': 'cpp', 'n.hpp': 'cpp',
    'o.cs': 'csharp', 'p.rb': 'ruby', 'q.php': 'php', 'r.kt': 'kotlin', 's.kts': 'kotlin', 't.swift': 'swift', 'u.sh': 'bash',
    'v.zsh': 'bash', 'README.md': 'markdown', 'x.mdx': 'markdown', 'y.json': 'json', 'z.yml': 'yaml', 'Cargo.toml': 'toml',
    'style.css': 'text', 'page.html': 'text', 'App.vue': 'text', 'query.sql': 'text', 'Dockerfile': 'text', 'Makefile': 'text',
    'dir/Rakefile': 'ruby', 'Gemfile': 'ruby', '.bashrc': 'bash', 'LICENSE': 'text', 'UPPER.TS': 'typescript', 'win\\path\\x.py': 'python',
  };
  for (const [p, lang] of Object.entries(cases)) assert.equal(languageForPath(p), lang, p);
  assert.equal(languageForPath('src/x.h', true), 'cpp');
});
