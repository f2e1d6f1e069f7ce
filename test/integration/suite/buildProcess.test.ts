// Index builds in a process of their own, seen from the extension host: a pid not the host's,
// progress, pause/resume and cancel across the boundary, a killed build process shown as an error
// and restarted to a complete index, and a save during a build indexed after it. Each build is
// held paused at its first file (after the walk), so nothing here depends on the machine's speed.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { searchIndex } from '../../../src/core/retrieve/searchIndex.js';
import type { AskCodebaseApi } from '../../../src/extension/extension.js';
import { activatedApi } from './extensionApi.js';

async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Clears the index and starts a full build held paused at its first file; its build process. */
async function pausedBuild(api: AskCodebaseApi): Promise<{ run: Promise<unknown>; pid: number }> {
  await api.index.settled();
  await vscode.commands.executeCommand('askCodebase.clearIndex', { confirmed: true });
  await vscode.commands.executeCommand('askCodebase.pauseIndexing');
  const run = api.index.reindex();
  const pid = await until('the build process', () => api.index.buildProcess?.pid);
  // The walk is over and the first file waits on the pause: progress came from the child.
  await until('progress from the build process', () => { const s = api.index.state; return s.state === 'indexing' && (s.progress?.filesTotal ?? 0) > 0; });
  return { run, pid };
}

async function search(api: AskCodebaseApi, question: string) {
  const store = await api.index.openStore();
  try {
    return await searchIndex(store, question);
  } finally {
    await store.close();
  }
}

describe('index builds in their own process', () => {
  afterEach(async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('askCodebase.resumeIndexing');
    await api.index.settled();
  });

  it('builds in a process that is not the host, reports progress, pauses and resumes across the boundary, and exits', async () => {
    const api = await activatedApi();
    const { run, pid } = await pausedBuild(api);
    assert.notEqual(pid, process.pid);
    assert.ok(alive(pid), 'the build process runs');
    assert.match(api.statusBarText(), /Paused: 0 of \d+ new or changed files/);
    await new Promise((r) => setTimeout(r, 500));
    const s = api.index.state;
    assert.ok(s.state === 'indexing' && s.paused && s.progress?.filesDone === 0, `a paused build does not move: ${JSON.stringify(s)}`);
    await vscode.commands.executeCommand('askCodebase.resumeIndexing');
    await run;
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
    assert.equal(api.index.lastBuildProcess?.pid, pid);
    assert.ok((api.index.lastBuildProcess?.peakRssBytes ?? 0) > 0);
    await until('the build process to exit', () => !alive(pid), 15_000);
  });

  it('cancels the build in the other process when the index is cleared', async () => {
    const api = await activatedApi();
    const { pid } = await pausedBuild(api);
    await vscode.commands.executeCommand('askCodebase.clearIndex', { confirmed: true });
    assert.equal(api.index.state.state, 'idle');
    await assert.rejects(fs.access(api.index.dbDir), 'the index folder is gone');
    await until('the cancelled build process to exit', () => !alive(pid), 20_000);
    await vscode.commands.executeCommand('askCodebase.resumeIndexing');
    await api.index.reindex();
    assert.equal(api.index.state.state, 'ready');
  });

  it('shows a killed build process as an error, restarts it, and ends with a complete, consistent index', async () => {
    const api = await activatedApi();
    const { pid } = await pausedBuild(api);
    const states: string[] = [];
    const sub = api.index.onDidChangeState((s) => states.push(`${s.state} | ${api.statusBarText()}`));
    try {
      process.kill(pid, 'SIGKILL');
      const error = await until('the error state', () => { const s = api.index.state; return s.state === 'error' ? s : undefined; });
      assert.match(error.message, /build process stopped \(killed by SIGKILL\b.*Restarting in 2 s/);
      assert.equal(error.restarting, true);
      assert.ok(states.some((s) => s.startsWith('error | $(warning) Index build stopped, restarting')), states.join('\n'));
      // The restart is a new process, still paused (the user paused indexing, not the process).
      const restarted = await until('the restarted build process', () => { const p = api.index.buildProcess?.pid; return p !== undefined && p !== pid ? p : undefined; });
      await until('the restarted build to report progress', () => api.index.state.state === 'indexing');
      await vscode.commands.executeCommand('askCodebase.resumeIndexing');
      await until('the index to be ready', () => api.index.state.state === 'ready');
      assert.equal(api.index.lastBuildProcess?.pid, restarted);
    } finally {
      sub.dispose();
    }
    await api.index.settled();
    // Complete and consistent: another run finds nothing to add, change or remove.
    const again = await api.index.reindex();
    assert.ok(again, 'the check run ran');
    assert.deepEqual({ added: again.added, changed: again.changed, deleted: again.deleted, cancelled: again.cancelled }, { added: 0, changed: 0, deleted: 0, cancelled: false });
    assert.equal((await search(api, 'usage report busiest client')).chunks[0]?.path, 'tools/report_builder.py');
  });

  it('stops restarting after three failures in a row, and a re-index starts over', async () => {
    const api = await activatedApi();
    let { pid } = await pausedBuild(api);
    for (let failure = 1; failure <= 3; failure++) {
      process.kill(pid, 'SIGKILL');
      const error = await until(`failure ${failure}`, () => { const s = api.index.state; return s.state === 'error' ? s : undefined; });
      if (failure < 3) {
        assert.equal(error.restarting, true, error.message);
        pid = await until('the restarted build process', () => { const p = api.index.buildProcess?.pid; return p !== undefined && p !== pid ? p : undefined; });
        await until('the restarted build to run', () => api.index.state.state === 'indexing');
      } else {
        assert.equal(error.restarting, false, error.message);
        assert.match(error.message, /failed 3 times in a row and is not restarted/);
        assert.match(api.statusBarText(), /Index error/);
      }
    }
    // The user's re-index gets fresh tries and completes.
    await vscode.commands.executeCommand('askCodebase.resumeIndexing');
    await api.index.reindex();
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
  });

  it('indexes a file saved during a build after that build', async () => {
    const api = await activatedApi();
    const { run } = await pausedBuild(api);
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'src', 'savedDuringBuild.ts');
    await fs.writeFile(file, 'export function tallySavedDuringBuild(n: number): number {\n  return n + 1;\n}\n');
    try {
      await vscode.commands.executeCommand('askCodebase.resumeIndexing');
      await run;
      const hit = await until('the saved file in search results', async () => {
        await api.index.settled();
        return (await search(api, 'tallySavedDuringBuild')).chunks.find((c) => c.path === 'src/savedDuringBuild.ts');
      });
      assert.equal(hit.startLine, 1);
    } finally {
      await fs.rm(file, { force: true });
    }
  });
});
