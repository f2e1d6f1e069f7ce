// `ask-codebase mcp` driven by the MCP SDK's own client over stdio, on a fixture repository: the
// tools are listed and answer, bad arguments get schema errors, concurrent calls all answer, a
// file saved while the server runs is found, and stdin close / SIGTERM end it cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { repoRoot, tempDir, workspace } from '../../reliability/harness.js';

const cliArgs = (root: string, db: string) => ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'mcp', '--root', root, '--db', db];
let root: string;
let db: string;
let client: Client;

const FILES: Record<string, string> = {
  'src/retry.ts': [
    '/** Schedules the next attempt of a failed request with exponential backoff. */',
    'export function scheduleRetry(attempt: number, baseDelayMs: number): number {',
    '  const backoff = baseDelayMs * 2 ** attempt;',
    ...Array.from({ length: 10 }, (_, i) => `  if (attempt === ${i + 100}) return baseDelayMs + ${i};`),
    '  return Math.min(backoff, 30_000);',
    '}',
    '',
    'export class RetryQueue {',
    '  private pending: number[] = [];',
    ...Array.from({ length: 12 }, (_, i) => `  enqueue${i}(attempt: number): void {\n    this.pending.push(scheduleRetry(attempt + ${i}, 100));\n  }`),
    '}',
  ].join('\n') + '\n',
  'src/config.py': 'def load_config(path):\n    """Reads the YAML configuration file."""\n    with open(path) as f:\n        return f.read()\n',
  'README.md': '# Fixture\n\nA small repository for the MCP tests.\n',
  '.gitignore': 'private/\n',
  'private/notes.ts': 'export const hiddenNote = "scheduleRetry backoff in an ignored folder";\n',
  '.env': 'API_TOKEN=do-not-serve-this-value\n',
};

before(async () => {
  root = await workspace(FILES);
  db = await tempDir('acb-mcp-db-');
  client = new Client({ name: 'acb-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: cliArgs(root, db), stderr: 'ignore', env: { ...process.env, LANCEDB_LOG: 'error' } as Record<string, string> }));
  // The server builds the index in the background; a call during a long first build says so.
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const r = await client.callTool({ name: 'index_status', arguments: {} });
    if (!r.isError) break;
  }
});

after(async () => {
  await client?.close();
});

async function text(name: string, args: Record<string, unknown>): Promise<string> {
  const r = await client.callTool({ name, arguments: args });
  const body = (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
  assert.ok(!r.isError, `${name} failed: ${body}`);
  return body;
}

/** The error an agent sees for a bad call: a protocol error or a tool result marked isError. */
async function errorOf(name: string, args: Record<string, unknown>): Promise<string> {
  try {
    const r = await client.callTool({ name, arguments: args });
    assert.ok(r.isError, `${name}(${JSON.stringify(args).slice(0, 80)}) should fail`);
    return (r.content as { text: string }[]).map((c) => c.text).join('\n');
  } catch (err) {
    return (err as Error).message;
  }
}

test('lists the four tools with their schemas and descriptions', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['find_symbol', 'index_status', 'read_range', 'search_code']);
  const search = tools.find((t) => t.name === 'search_code')!;
  assert.deepEqual(search.inputSchema.required, ['query']);
  assert.ok(Object.keys(search.inputSchema.properties ?? {}).includes('budget_tokens'));
  assert.ok(search.description!.length > 100);
});

test('search_code ranks the function with its signature and matching lines, never ignored or secret files', async () => {
  const out = await text('search_code', { query: 'exponential backoff for a failed request retry' });
  assert.match(out, /^search_code: \d+ of \d+ results/);
  assert.match(out, /\[1\] src\/retry\.ts:\d+-\d+ scheduleRetry \(function\)/);
  assert.match(out, /\n2: export function scheduleRetry\(attempt: number, baseDelayMs: number\): number \{/);
  assert.doesNotMatch(out, /private\/notes\.ts|\.env|do-not-serve/);
});

test('search_code honours the budget, k, paths and kinds', async () => {
  const small = await text('search_code', { query: 'retry backoff configuration', budget_tokens: 200, k: 1 });
  assert.ok(small.length <= 200 * 3.5, `${small.length} characters for 200 tokens`);
  assert.equal((small.match(/^\[\d+\] /gm) ?? []).length, 1);
  const py = await text('search_code', { query: 'configuration file', paths: ['*.py'] });
  assert.match(py, /src\/config\.py/);
  assert.doesNotMatch(py, /src\/retry\.ts/);
  const docs = await text('search_code', { query: 'fixture repository', kinds: ['docs'] });
  assert.match(docs, /README\.md/);
  assert.doesNotMatch(docs, /\.ts:|\.py:/);
});

test('find_symbol finds exact and approximate names', async () => {
  const exact = await text('find_symbol', { name: 'scheduleRetry' });
  assert.match(exact, /src\/retry\.ts:1-15 function scheduleRetry\n {2}2: export function scheduleRetry/);
  const near = await text('find_symbol', { name: 'retryqueue', kind: 'class' });
  assert.match(near, /src\/retry\.ts:\d+-\d+ class RetryQueue .*\(approximate\)/);
});

test('read_range returns numbered current lines and says whether they changed since indexing', async () => {
  const out = await text('read_range', { path: 'src/retry.ts', start: 2, end: 3 });
  assert.match(out, /src\/retry\.ts:2-3 of \d+ lines; unchanged since indexing/);
  assert.match(out, /\n2: export function scheduleRetry/);
  assert.match(out, /\n3: {3}const backoff/);
  const abs = await text('read_range', { path: path.join(root, 'src/config.py'), start: 1, end: 1 });
  assert.match(abs, /src\/config\.py:1-1/);
});

test('index_status says what is indexed and what was skipped', async () => {
  const out = await text('index_status', {});
  assert.match(out, /files: [3-9] indexed/);
  assert.match(out, /vectors: off/);
});

test('bad arguments get clear errors', async () => {
  assert.match(await errorOf('search_code', {}), /query/);
  assert.match(await errorOf('search_code', { query: 'retry', k: 0 }), /\bk\b/);
  assert.match(await errorOf('search_code', { query: 'retry', k: 1_000_000 }), /\bk\b/);
  assert.match(await errorOf('search_code', { query: 'x'.repeat(1024 * 1024) }), /query/);
  assert.match(await errorOf('search_code', { query: 'retry', budget_tokens: 10 }), /budget_tokens/);
  assert.match(await errorOf('read_range', { path: '../outside.txt', start: 1, end: 2 }), /goes up with "\.\."/);
  assert.match(await errorOf('read_range', { path: '/etc/passwd', start: 1, end: 2 }), /outside the indexed folders/);
  assert.match(await errorOf('read_range', { path: '.env', start: 1, end: 1 }), /not indexed by rule \(secret/);
  assert.match(await errorOf('read_range', { path: 'private/notes.ts', start: 1, end: 1 }), /not indexed by rule \(ignored/);
  assert.match(await errorOf('read_range', { path: 'src/retry.ts', start: 5, end: 2 }), /before start/);
  assert.match(await errorOf('find_symbol', { name: '' }), /name/);
  // The server is still fine after all that.
  assert.match(await text('search_code', { query: 'retry' }), /src\/retry\.ts/);
});

test('a link leading out of the root is not served', async () => {
  const outside = await tempDir('acb-mcp-out-');
  await fs.writeFile(path.join(outside, 'secret.ts'), 'export const outsideValue = 1;\n');
  await fs.symlink(path.join(outside, 'secret.ts'), path.join(root, 'src/linked.ts'));
  assert.match(await errorOf('read_range', { path: 'src/linked.ts', start: 1, end: 1 }), /outside-root/);
  await fs.rm(path.join(root, 'src/linked.ts'));
});

test('20 concurrent calls all answer', async () => {
  const queries = Array.from({ length: 20 }, (_, i) => ['retry backoff', 'load configuration', 'pending queue', 'fixture'][i % 4]);
  const outs = await Promise.all(queries.map((query, i) => (i % 5 === 4 ? text('find_symbol', { name: 'RetryQueue' }) : text('search_code', { query }))));
  assert.equal(outs.length, 20);
  for (const o of outs) assert.match(o, /^(search_code|find_symbol): /);
});

test('a file saved while the server runs appears in the next searches', async () => {
  await fs.writeFile(path.join(root, 'src/fresh.ts'), 'export function quokkaLanternHandler(): string {\n  return "saved while serving";\n}\n');
  let out = '';
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    out = await text('search_code', { query: 'quokkaLanternHandler' });
    if (out.includes('src/fresh.ts')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(out, /\[1\] src\/fresh\.ts:1-3 quokkaLanternHandler/);
});

test('two servers on one index: both answer, and a save one of them indexes is found by both', async () => {
  const second = new Client({ name: 'acb-test-3', version: '1.0.0' });
  await second.connect(new StdioClientTransport({ command: process.execPath, args: cliArgs(root, db), stderr: 'ignore', env: { ...process.env, LANCEDB_LOG: 'error' } as Record<string, string> }));
  try {
    const search = async (c: Client, query: string) => ((await c.callTool({ name: 'search_code', arguments: { query } })).content as { text: string }[])[0].text;
    assert.match(await search(second, 'scheduleRetry backoff'), /\[1\] src\/retry\.ts/);
    await fs.writeFile(path.join(root, 'src/shared.ts'), 'export function pelicanMarbleRouter(): number {\n  return 7;\n}\n');
    const seen = { first: '', second: '' };
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      seen.first = await search(client, 'pelicanMarbleRouter');
      seen.second = await search(second, 'pelicanMarbleRouter');
      if (seen.first.includes('src/shared.ts') && seen.second.includes('src/shared.ts')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(seen.first, /\[1\] src\/shared\.ts:1-3 pelicanMarbleRouter/);
    assert.match(seen.second, /\[1\] src\/shared\.ts:1-3 pelicanMarbleRouter/);
  } finally {
    await second.close();
  }
});

test('a read-only server serves the index as it is and flags lines changed since indexing', async () => {
  // The writing server stops first: it would re-index the edit below before the reader looks.
  await client.close();
  const reader = new Client({ name: 'acb-test-2', version: '1.0.0' });
  await reader.connect(new StdioClientTransport({ command: process.execPath, args: [...cliArgs(root, db), '--read-only'], stderr: 'ignore' }));
  try {
    const call = async (name: string, args: Record<string, unknown>) => ((await reader.callTool({ name, arguments: args })).content as { text: string }[])[0].text;
    assert.match(await call('search_code', { query: 'scheduleRetry backoff' }), /\[1\] src\/retry\.ts/);
    assert.match(await call('index_status', {}), /read-only/);
    await fs.appendFile(path.join(root, 'src/config.py'), '\n\ndef save_config(path, text):\n    pass\n');
    assert.match(await call('read_range', { path: 'src/config.py', start: 1, end: 2 }), /CHANGED since indexing/);
  } finally {
    await reader.close();
  }
});

for (const how of ['stdin close', 'SIGTERM'] as const) {
  test(`a server on an existing index ends cleanly on ${how}`, async () => {
    const child = spawn(process.execPath, cliArgs(root, db), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANCEDB_LOG: 'error' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const deadline = Date.now() + 60_000; !stderr.includes('serving') && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, /serving /);
    if (how === 'SIGTERM') child.kill('SIGTERM');
    else child.stdin.end();
    const { code, signal } = await exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, stderr);
    assert.match(stderr, how === 'SIGTERM' ? /stopping \(SIGTERM\)/ : /stopping \(stdin closed\)/);
  });
}
