// Answer markdown → safe DOM: markdown-it with raw HTML off, code highlighted by highlight.js in
// theme colours, then an allow-list pass over the result (defence in depth).
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, csharp, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, swift, typescript, xml, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['js', 'jsx', 'mjs', 'cjs'], { languageName: 'javascript' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['html'], { languageName: 'xml' });
hljs.registerAliases(['rs'], { languageName: 'rust' });
hljs.registerAliases(['cs', 'c_sharp'], { languageName: 'csharp' });

/** Highlighted HTML (escaped by highlight.js) for code in a known language, else escaped text. */
export function highlight(code: string, language: string): string {
  const lang = language && hljs.getLanguage(language) ? language : undefined;
  return lang ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight: (code, lang) => highlight(code, lang) });

const ALLOWED_TAGS = new Set(['P', 'BR', 'STRONG', 'EM', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'A', 'SPAN', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DEL', 'S']);
const ALLOWED_ATTRS = new Set(['class', 'href', 'title', 'start']);

/** Renders markdown into `target`, replacing its content. */
export function renderMarkdown(target: HTMLElement, text: string): void {
  const template = document.createElement('template');
  template.innerHTML = md.render(text);
  sanitize(template.content);
  target.replaceChildren(template.content);
}

function sanitize(root: ParentNode): void {
  for (const el of [...root.querySelectorAll('*')]) {
    if (!ALLOWED_TAGS.has(el.tagName)) {
      el.replaceWith(document.createTextNode(el.textContent ?? ''));
      continue;
    }
    for (const attr of [...el.attributes]) {
      const keep = ALLOWED_ATTRS.has(attr.name) && !(attr.name === 'href' && !/^(https?:|#)/i.test(attr.value.trim()));
      if (!keep) el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A') el.setAttribute('rel', 'noreferrer');
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
