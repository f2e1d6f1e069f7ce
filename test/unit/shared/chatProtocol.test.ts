// The chat panel's messages are untrusted input: parseWebviewMessage drops every message that is
// not exactly one the extension expects, and copies only the fields it knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUESTION_CHARS, parseWebviewMessage } from '../../../src/shared/chatProtocol.js';

const rejects = (raw: unknown) => assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw)?.slice(0, 120));

test('accepts each well-formed message and copies only its known fields', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ask', question: 'Where is the config parsed?', extra: 'dropped' }), { type: 'ask', question: 'Where is the config parsed?' });
  assert.deepEqual(parseWebviewMessage({ type: 'open', path: 'src/a.ts', startLine: 3, endLine: 3 }), { type: 'open', path: 'src/a.ts', startLine: 3, endLine: 3 });
  assert.deepEqual(parseWebviewMessage({ type: 'feedback', id: 't-1', useful: false, sourceIndex: 2 }), { type: 'feedback', id: 't-1', useful: false, sourceIndex: 2 });
  assert.deepEqual(parseWebviewMessage({ type: 'command', command: 'askCodebase.reindex' }), { type: 'command', command: 'askCodebase.reindex' });
  assert.deepEqual(parseWebviewMessage({ type: 'ready', question: 'x' }), { type: 'ready' });
});

test('rejects what is not a message object', () => {
  for (const raw of [undefined, null, 0, 'ask', true, [], ['ask'], () => 1]) rejects(raw);
});

test('rejects unknown message types and unknown or unlisted commands', () => {
  rejects({});
  rejects({ type: 'eval', code: 'alert(1)' });
  rejects({ type: 'ASK', question: 'q' });
  rejects({ type: ['ask'], question: 'q' });
  rejects({ type: 'command', command: 'workbench.action.terminal.new' });
  rejects({ type: 'command', command: 'askCodebase.clearIndex' });
  rejects({ type: 'command', command: ['askCodebase.reindex'] });
  rejects({ type: 'command' });
});

test('rejects fields of the wrong type', () => {
  rejects({ type: 'ask', question: 42 });
  rejects({ type: 'ask', question: { toString: () => 'q' } });
  rejects({ type: 'ask' });
  rejects({ type: 'ping', id: '1' });
  rejects({ type: 'ping', id: 1.5 });
  rejects({ type: 'ping', id: -1 });
  rejects({ type: 'ping', id: Number.MAX_SAFE_INTEGER + 1 });
  rejects({ type: 'stop', id: 7 });
  rejects({ type: 'copy', id: null });
  rejects({ type: 'feedback', id: 't-1', useful: 'yes' });
  rejects({ type: 'feedback', id: 't-1', useful: true, sourceIndex: 0 });
  rejects({ type: 'feedback', id: 't-1', useful: true, sourceIndex: '1' });
  rejects({ type: 'open', path: 'a.ts', startLine: '1', endLine: 2 });
  rejects({ type: 'open', path: 7, startLine: 1, endLine: 2 });
  rejects({ type: 'inspected', id: 1, snapshot: 'all clear' });
  rejects({ type: 'inspected', id: 1, snapshot: null });
});

test('rejects ids that are not plain tokens', () => {
  rejects({ type: 'stop', id: '' });
  rejects({ type: 'stop', id: '../../etc/passwd' });
  rejects({ type: 'copy', id: 't 1' });
  rejects({ type: 'feedback', id: '<img src=x>', useful: true });
  rejects({ type: 'stop', id: 'x'.repeat(65) });
});

test('rejects oversized strings', () => {
  assert.ok(parseWebviewMessage({ type: 'ask', question: 'q'.repeat(MAX_QUESTION_CHARS) }));
  rejects({ type: 'ask', question: 'q'.repeat(MAX_QUESTION_CHARS + 1) });
  rejects({ type: 'open', path: 'a/'.repeat(5_000), startLine: 1, endLine: 1 });
  rejects({ type: 'open', path: '', startLine: 1, endLine: 1 });
});

test('rejects a range that ends before it starts or starts before line 1', () => {
  rejects({ type: 'open', path: 'src/a.ts', startLine: 10, endLine: 9 });
  rejects({ type: 'open', path: 'src/a.ts', startLine: 0, endLine: 3 });
  rejects({ type: 'open', path: 'src/a.ts', startLine: 1 });
  rejects({ type: 'open', path: 'src/a.ts', startLine: Number.NaN, endLine: 2 });
  rejects({ type: 'open', path: 'src/a.ts', startLine: 1, endLine: Infinity });
});
