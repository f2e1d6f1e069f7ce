// Browser code of the chat panel. Talks to the extension only through the typed messages of
// src/shared/chatProtocol.ts. Data becomes DOM through textContent, or through the sanitized
// markdown renderer; never raw HTML from the model or the repository.
import type { FromWebview, InspectAction, PanelSnapshot, StatusInfo, ToWebview, Turn, WebviewCommand } from '../shared/chatProtocol.js';
import { insertChips, makeChip, type ChipTarget } from './citationChips.js';
import { Follow, topVisible } from './follow.js';
import { renderMarkdown } from './markdown.js';
import { markWords } from './marks.js';
import { SourcePreview } from './sourcePreview.js';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const log = document.getElementById('log')!;
const statusText = document.getElementById('status-text')!;
const statusMode = document.getElementById('status-mode')!;
const answersText = document.getElementById('answers-text')!;
const inputError = document.getElementById('input-error')!;
const statusBar = document.getElementById('status')!;
const form = document.getElementById('ask') as HTMLFormElement;
const input = document.getElementById('question') as HTMLTextAreaElement;
const stopButton = document.getElementById('stop') as HTMLButtonElement;
const preview = new SourcePreview(document.body);
const follow = new Follow(log);

const turns = new Map<string, Turn>();
let examples: string[] = [];
let status: StatusInfo | undefined;
const dirty = new Set<string>();
let frame = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, className: string, ariaLabel: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.setAttribute('aria-label', ariaLabel);
  b.title = ariaLabel;
  b.addEventListener('click', onClick);
  return b;
}

const openTarget = (t: ChipTarget) =>
  vscode.postMessage({ type: 'open', path: t.path, startLine: t.cited.startLine, endLine: t.cited.endLine, lines: (t.source?.matchedLines ?? []).filter((l) => l >= t.cited.startLine && l <= t.cited.endLine) });
const command = (c: WebviewCommand) => vscode.postMessage({ type: 'command', command: c });
const onPreview = (chip: HTMLElement, t: ChipTarget | undefined) => (t ? preview.show(chip, t) : preview.hide(chip));
const chipFor = (t: ChipTarget, marker: string) => makeChip(t, marker, openTarget, onPreview);

function renderTurn(turn: Turn): HTMLElement {
  const block = el('article', 'turn');
  block.id = `turn-${turn.id}`;
  block.setAttribute('aria-label', `Question and answer: ${turn.question.slice(0, 80)}`);
  block.append(el('div', 'question', turn.question));

  const answer = el('div', 'answer');
  if (turn.text) {
    renderMarkdown(answer, turn.text);
    insertChips(answer, turn, chipFor);
    if (turn.marks?.length) markWords(answer, turn.marks);
  } else if (turn.pending) {
    if (turn.notice) answer.append(el('p', 'notice', turn.notice));
    else answer.append(el('p', 'thinking', turn.sources.length ? `Found ${turn.sources.length} sources; writing the answer…` : 'Searching the index…'));
  }
  block.append(answer);
  if (turn.error) block.append(el('div', 'error', turn.error));
  for (const w of turn.warnings) block.append(el('p', 'warning', w));

  if (turn.sources.length) {
    const details = el('details', 'sources');
    details.open = !turn.text;
    details.append(el('summary', '', `Sources (${turn.sources.length})`));
    const list = el('ol', 'source-list');
    for (const s of turn.sources) {
      const item = el('li', 'source-item');
      const target: ChipTarget = { path: s.path, startLine: s.startLine, endLine: s.endLine, status: turn.pending ? 'pending' : s.status, reason: s.reason, source: s, cited: { startLine: s.startLine, endLine: s.endLine } };
      item.append(chipFor(target, `[${s.index}]`));
      if (s.symbol) item.append(el('span', 'symbol', s.symbol));
      if (!turn.pending) item.append(...feedbackButtons(turn, s.index));
      list.append(item);
    }
    details.append(list);
    block.append(details);
  }

  if (!turn.pending) {
    const bar = el('div', 'answer-bar');
    const tokens = turn.promptTokens && turn.provider !== 'extractive' ? ` · ~${turn.promptTokens.toLocaleString('en')} prompt tokens` : '';
    const who = el('span', 'provider', `${turn.providerLabel || turn.provider}${tokens}${turn.cached ? ' · cached' : ''}${turn.complete || turn.error ? '' : ' · incomplete'}`);
    bar.append(who);
    if (turn.text) bar.append(button('Copy', 'icon-button', 'Copy the answer with its sources', () => vscode.postMessage({ type: 'copy', id: turn.id })));
    bar.append(...feedbackButtons(turn));
    block.append(bar);
  }
  return block;
}

function feedbackButtons(turn: Turn, sourceIndex?: number): HTMLButtonElement[] {
  const current = sourceIndex === undefined ? turn.useful : turn.sourceFeedback[sourceIndex];
  const what = sourceIndex === undefined ? 'this answer' : `source ${sourceIndex}`;
  return [true, false].map((useful) => {
    const b = button('', `icon-button feedback ${useful ? 'thumb-up' : 'thumb-down'}${current === useful ? ' chosen' : ''}`, `Mark ${what} as ${useful ? 'useful' : 'not useful'}`, () =>
      vscode.postMessage({ type: 'feedback', id: turn.id, useful, ...(sourceIndex === undefined ? {} : { sourceIndex }) }));
    b.setAttribute('aria-pressed', String(current === useful));
    return b;
  });
}

function renderEmpty(): HTMLElement {
  const box = el('section', 'empty');
  box.id = 'empty';
  box.append(el('h2', '', 'Ask about this codebase'));
  const state = status?.state ?? 'starting';
  if (state === 'starting') box.append(el('p', 'starting', 'Starting… the index opens in a moment.'));
  else if (state === 'not-indexed') {
    const line = el('p', 'not-indexed', 'Not indexed. Questions need an index of this workspace. ');
    line.append(button('Re-index', 'primary-button', 'Build the index of this workspace', () => command('askCodebase.reindex')));
    box.append(line);
  } else box.append(el('p', '', `Index: ${status!.text}.`));
  if (status?.answers) box.append(el('p', 'mode', `${status.answers}. Search: ${status.mode}.`));
  box.append(el('p', '', 'Every claim cites file:start-end. Hover a citation to see the exact source; click to open it.'));
  if (examples.length) box.append(el('p', 'examples-title', 'Try one about this repository:'));
  const list = el('div', 'examples');
  list.setAttribute('role', 'list');
  for (const q of examples) {
    const b = button(q, 'example', `Ask: ${q}`, () => ask(q));
    b.setAttribute('role', 'listitem');
    list.append(b);
  }
  box.append(list);
  const actions = el('div', 'empty-actions');
  actions.append(
    button('Re-index', 'link-button', 'Re-index the workspace', () => command('askCodebase.reindex')),
    button('Choose a language model', 'link-button', 'Select the language model that writes answers', () => command('askCodebase.selectModel')),
    button('Index status', 'link-button', 'Show what is indexed and what was skipped', () => command('askCodebase.showStatus')),
  );
  box.append(actions);
  return box;
}

function renderAll(): void {
  preview.hide();
  log.replaceChildren(...(turns.size === 0 ? [renderEmpty()] : [...turns.values()].map(renderTurn)));
  updateStop();
}

function refresh(id: string): void {
  dirty.add(id);
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    for (const d of dirty) {
      const turn = turns.get(d);
      if (!turn) continue;
      const old = document.getElementById(`turn-${d}`);
      const fresh = renderTurn(turn);
      if (old) {
        old.replaceWith(fresh);
        follow.grew(d, fresh);
      } else {
        document.getElementById('empty')?.remove();
        log.append(fresh);
        follow.start(d, fresh);
      }
    }
    dirty.clear();
    updateStop();
  });
}

function updateStop(): void {
  stopButton.hidden = ![...turns.values()].some((t) => t.pending);
}

function ask(question: string): void {
  if (!question.trim()) return;
  vscode.postMessage({ type: 'ask', question });
}

function showInputError(message: string): void {
  inputError.textContent = message;
  inputError.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function snapshot(): PanelSnapshot {
  const last = [...log.querySelectorAll('.turn')].pop();
  const answer = last?.querySelector('.answer');
  return {
    turns: turns.size,
    chips: [...(answer?.querySelectorAll<HTMLElement>('.chip') ?? [])].map((c) => ({ label: c.textContent?.trim() ?? '', status: [...c.classList].find((k) => k.startsWith('status-'))?.slice(7) ?? '', ariaLabel: c.getAttribute('aria-label') ?? '' })),
    hover: preview.snapshot(),
    answerHtml: answer?.innerHTML ?? '',
    emptyStateVisible: document.getElementById('empty') !== null,
    emptyText: document.getElementById('empty')?.textContent ?? '',
    stopVisible: !stopButton.hidden,
    statusText: statusText.textContent ?? '',
    answersText: answersText.textContent ?? '',
    inputError: inputError.hidden ? '' : inputError.textContent ?? '',
    lastQuestionVisible: topVisible(log, last?.querySelector('.question')),
    scrollTop: log.scrollTop,
    notices: [...(last?.querySelectorAll('.notice') ?? [])].map((n) => n.textContent ?? ''),
    lastPong: document.body.dataset.lastPong === undefined ? undefined : Number(document.body.dataset.lastPong),
  };
}

function inspect(id: number, action: InspectAction): void {
  const lastTurn = log.querySelector<HTMLElement>('.turn:last-child');
  const chip = lastTurn?.querySelector<HTMLElement>('.answer .chip');
  if (action === 'hoverFirstChip') chip?.dispatchEvent(new MouseEvent('mouseenter'));
  else if (action === 'clickFirstChip') chip?.click();
  else if (action === 'thumbsUpAnswer') lastTurn?.querySelector<HTMLElement>('.answer-bar .feedback')?.click();
  else if (action === 'clickStop') stopButton.click();
  else if (action === 'clearHover') preview.hide();
  else if (action === 'scrollToTop') {
    log.scrollTop = 0;
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
  } else if (action === 'submitEmpty') {
    input.value = '  ';
    form.requestSubmit();
  } else if (action === 'typeInQuestion') {
    input.value += 'a';
    input.dispatchEvent(new Event('input'));
  }
  vscode.postMessage({ type: 'inspected', id, snapshot: snapshot() });
}

function setStatus(s: StatusInfo): void {
  status = s;
  statusText.textContent = s.text;
  statusMode.textContent = `Search: ${s.mode}`;
  answersText.textContent = s.answers;
  statusBar.dataset.state = s.state;
  if (turns.size === 0) renderAll();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'status':
      setStatus(m.status);
      break;
    case 'history':
      turns.clear();
      for (const t of m.turns) turns.set(t.id, t);
      examples = m.examples;
      if (m.tabSize) document.body.style.setProperty('--tab-size', String(m.tabSize));
      renderAll();
      follow.toEnd();
      break;
    case 'turn':
      turns.set(m.turn.id, m.turn);
      refresh(m.turn.id);
      break;
    case 'delta': {
      const turn = turns.get(m.id);
      if (!turn) break;
      turn.text += m.text;
      refresh(m.id);
      break;
    }
    case 'notice':
      showInputError(m.message);
      break;
    case 'pingRequest':
      vscode.postMessage({ type: 'ping', id: m.id });
      break;
    case 'pong':
      document.body.dataset.lastPong = String(m.id);
      break;
    case 'inspectRequest':
      // After any pending render, so the snapshot shows what the user sees.
      requestAnimationFrame(() => inspect(m.id, m.action));
      break;
  }
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const question = input.value;
  if (!question.trim()) {
    showInputError('The question is empty. Type what you want to find in the code.');
    return;
  }
  showInputError('');
  ask(question);
  input.value = '';
});
input.addEventListener('input', () => showInputError(''));
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
stopButton.addEventListener('click', () => {
  for (const t of turns.values()) if (t.pending) vscode.postMessage({ type: 'stop', id: t.id });
});
document.getElementById('new-chat')!.addEventListener('click', () => vscode.postMessage({ type: 'newChat' }));
document.getElementById('choose-model')!.addEventListener('click', () => command('askCodebase.selectModel'));

// The empty state ("Starting…") shows at once, before the extension has sent anything.
renderAll();
vscode.postMessage({ type: 'ready' });
