// Shared by the reliability scenarios: real workspaces in temp folders, the real CLI run as a
// child process (from source through tsx), and reads of the real LanceDB index it wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IndexStore } from '../../src/core/store/indexStore.js';
import { sampleChunks } from '../unit/helpers/storeTables.js';


export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliEntry = path.join(repoRoot, 'src/cli/main.ts');

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A workspace with these files (paths relative to it, '/'-separated). */
export async function workspace(files: Record<string, string | Buffer>): Promise<string> {
  const root = await tempDir('acb-rel-ws-');
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Generous: a busy machine may be slow, but a hang must still end the test. */
  timeoutMs?: number;
}

/** Starts `ask-codebase <args>` as the user would run it. */
export function startCli(args: string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LANCEDB_LOG: 'error', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `ask-codebase <args>` to the end and collects its output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  return collect(child, options);
}

export function collect(child: ChildProcess, options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ask-codebase did not finish within ${options.timeoutMs ?? 180_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Every stored file record and the text of every chunk, read from the index itself. */
export async function readIndex(dbDir: string): Promise<{ files: Map<string, string>; chunks: { path: string; text: string }[] }> {
  const store = await IndexStore.openExisting(dbDir);
  try {
    const files = new Map<string, string>();
    for (const [p, f] of await store.listFiles()) files.set(p, f.status);
    const chunks = (await sampleChunks(store, 1_000_000)).map((c) => ({ path: c.path, text: c.text }));
    return { files, chunks };
  } finally {
    await store.close();
  }
}

/** Paths of the chunks whose text holds `marker`. */
export async function chunkPathsWith(dbDir: string, marker: string): Promise<string[]> {
  const { chunks } = await readIndex(dbDir);
  return [...new Set(chunks.filter((c) => c.text.includes(marker)).map((c) => c.path))].sort();
}
