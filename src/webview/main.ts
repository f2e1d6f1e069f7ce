// Browser code of the chat panel. Talks to the extension only through the typed messages of
// src/extension/protocol.ts; renders text with textContent only (no HTML from data).
import type { FromWebview, ResultItem, ToWebview } from '../extension/protocol.js';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const log = document.getElementById('log')!;
const status = document.getElementById('status')!;
const form = document.getElementById('ask') as HTMLFormElement;
const input = document.getElementById('question') as HTMLTextAreaElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderResult(r: ResultItem): HTMLElement {
  const item = el('li', 'result');
  const chip = el('button', 'chip', `${r.path}:${r.startLine}-${r.endLine}`);
  chip.title = `Open ${r.path} at lines ${r.startLine}-${r.endLine}${r.why ? ` (found by ${r.why})` : ''}`;
  chip.addEventListener('click', () => vscode.postMessage({ type: 'open', path: r.path, startLine: r.startLine, endLine: r.endLine }));
  item.append(chip);
  if (r.symbol) item.append(el('span', 'symbol', r.symbol));
  const pre = el('pre', 'source');
  pre.textContent = r.text.split('\n').slice(0, 12).join('\n');
  item.append(pre);
  return item;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'status':
      status.textContent = m.text;
      status.dataset.state = m.state;
      break;
    case 'pingRequest':
      vscode.postMessage({ type: 'ping', id: m.id });
      break;
    case 'pong':
      document.body.dataset.lastPong = String(m.id);
      break;
    case 'question':
      log.append(el('div', 'question', m.text));
      break;
    case 'answer': {
      const block = el('section', 'answer');
      block.append(el('p', 'summary', m.summary));
      for (const w of m.warnings) block.append(el('p', 'warning', w));
      const list = el('ol', 'results');
      for (const r of m.results) list.append(renderResult(r));
      block.append(list);
      log.append(block);
      block.scrollIntoView({ block: 'end' });
      break;
    }
    case 'error':
      log.append(el('div', 'error', m.message));
      break;
  }
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  vscode.postMessage({ type: 'ask', question });
  input.value = '';
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});

vscode.postMessage({ type: 'ready' });
