// Issue 13, item 6: a stalled model server ends in a clear message with the partial text kept, a
// huge answer is cut instead of crawling, absolute-path citations are invalid, and escape
// sequences from the model never reach the terminal.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CitationScanner, parseCitations } from '../../src/core/answer/parseCitations.js';
import { MAX_ANSWER_CHARS } from '../../src/core/answer/answerQuestion.js';
import { completionEvents, ScriptedChatServer } from '../unit/answer/scriptedChatServer.js';
import { runCli, tempDir, workspace } from './harness.js';

let root: string;
let db: string;

before(async () => {
  root = await workspace({ 'src/limiter.ts': 'export class RateLimiter {\n  tryAcquire(): boolean {\n    return true;\n  }\n}\n' });
  db = await tempDir('acb-rel-db-');
  const built = await runCli(['index', root, '--db', db]);
  assert.equal(built.code, 0, built.stderr);
});

/** A model server that streams `pieces`, then finishes properly or goes silent with the connection open. */
interface Behaviour {
  pieces: string[];
  then: 'finish' | 'stall';
}

async function ask(behaviour: Behaviour, extra: string[] = []) {
  const server = await ScriptedChatServer.start();
  server.reply({ events: completionEvents(behaviour.pieces, 'hostile', behaviour.then === 'finish'), stall: behaviour.then === 'stall' });
  try {
    return await runCli(['ask', 'how does the rate limiter acquire', '--root', root, '--db', db, '--provider', 'openai', '--llm-url', server.baseURL, '--llm-model', 'hostile', '--no-cache', ...extra]);
  } finally {
    await server.close();
  }
}

test('a server that stalls after its first token ends the answer with a clear message, keeping the text', async () => {
  const run = await ask({ pieces: ['Partial answer: RateLimiter.tryAcquire [1]'], then: 'stall' }, ['--idle-timeout', '5']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Partial answer: RateLimiter\.tryAcquire \[1\]/);
  assert.match(run.stderr, /incomplete: .*sent nothing for 5 s/);
});

test('an answer far past any sensible length is cut at the cap and its citations still checked', async () => {
  const piece = 'See [1] and src/limiter.ts:1-3 then /etc/passwd:1-3 again. '.repeat(20);
  const pieces = Array.from({ length: Math.ceil(5_000_000 / piece.length) }, () => piece);
  const run = await ask({ pieces, then: 'finish' }, ['--json']);
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.equal(answer.text.length, MAX_ANSWER_CHARS);
  assert.equal(answer.complete, false);
  assert.ok(answer.warnings.some((w: string) => /cut at 200000 characters/.test(w)));
  assert.ok(answer.citations.length > 1000);
});

test('citations of absolute paths are recognised and invalid', async () => {
  const run = await ask({ pieces: ['It reads /etc/passwd:1-3 and ~/.ssh/config.txt:1 and src/limiter.ts:2-3.'], then: 'finish' }, ['--json']);
  assert.equal(run.code, 0, run.stderr);
  const { citations } = JSON.parse(run.stdout);
  const byPath = new Map(citations.map((c: { path: string; status: string }) => [c.path, c.status]));
  assert.equal(byPath.get('/etc/passwd'), 'invalid');
  assert.equal(byPath.get('~/.ssh/config.txt'), 'invalid');
  assert.equal(byPath.get('src/limiter.ts'), 'valid');
});

test('escape and control sequences from the model are neutralised before the terminal', async () => {
  const run = await ask({ pieces: ['Title \u001b]0;pwned\u0007 clear \u001b[2J bell \u0007 back\rover \u202eevil [1]'], then: 'finish' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /clear \^\[\[2J/);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
});

test('the streaming citation scanner finds what a full parse finds, over a long answer in small pieces', () => {
  const text = Array.from({ length: 4000 }, (_, i) => (i % 50 === 0 ? '```\n[9] inside\n```\n' : `Line ${i} cites [${(i % 7) + 1}] and src/a${i}.ts:${i + 1}-${i + 3}.\n`)).join('');
  const scanner = new CitationScanner();
  const seen = [];
  for (let i = 0; i < text.length; i += 3) seen.push(...scanner.push(text.slice(i, i + 3)));
  seen.push(...scanner.finish());
  assert.deepEqual(seen, parseCitations(text));
});
