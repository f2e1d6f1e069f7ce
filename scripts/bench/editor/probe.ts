// Runs inside the extension host (loaded as the workbench's extensionTestsPath by
// scripts/bench/editor-build.mjs): measures what a full build of the open folder costs the editor.
// Event-loop delay of the host (perf_hooks.monitorEventLoopDelay), the host's RSS before, during
// and after, CPU it spent, the build process's own peak when it runs in one, `activate`'s own time, and the
// chat view's first frame opened while the build runs. Writes JSON to ASK_CODEBASE_BENCH_OUT.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { AskCodebaseApi } from '../../../src/extension/extension.js';
import type { IndexState } from '../../../src/extension/workspaceIndex.js';

const EXTENSION_ID = 'ask-codebase.ask-codebase';
/** RSS samples while the build runs; the sampler itself is one timer on the host's loop. */
const RSS_SAMPLE_MS = 200;
/** Idle time after the build before the host's memory is read again. */
const SETTLE_MS = 10_000;

const ms = (ns: number) => Math.round(ns / 1e4) / 100;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/**
 * The chat view opened and its script answering: a ping sent before the script listens is lost,
 * so one is sent every half second until one is answered.
 */
async function firstAnswer(api: AskCodebaseApi): Promise<void> {
  for (let id = 1; ; id++) {
    const answered = await Promise.race([api.pingChatView(id).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 500))]);
    if (answered) return;
  }
}

/**
 * A save after the build (the workspace file ASK_CODEBASE_BENCH_SAVE_FILE, put back afterwards):
 * the time until the index is updated, whether it ran in the host, and the host's worst delay.
 */
async function measureSave(api: AskCodebaseApi): Promise<object | null> {
  const rel = process.env.ASK_CODEBASE_BENCH_SAVE_FILE;
  if (!rel) return null;
  const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, rel).fsPath;
  const original = fs.readFileSync(file);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const updated = new Promise<void>((resolve) => { const sub = api.index.onDidUpdate(() => { sub.dispose(); resolve(); }); });
  const pidBefore = api.index.lastBuildProcess?.pid;
  lag.enable();
  const started = performance.now();
  try {
    fs.appendFileSync(file, '\n// saved by the editor benchmark\n');
    await updated;
    return { file: rel, savedToIndexedMs: Math.round(performance.now() - started), inHost: api.index.lastBuildProcess?.pid === pidBefore, hostEventLoopMaxMs: ms(lag.max) };
  } finally {
    lag.disable();
    fs.writeFileSync(file, original);
    await api.index.settled();
  }
}

export async function run(): Promise<void> {
  const out = process.env.ASK_CODEBASE_BENCH_OUT;
  if (!out) throw new Error('ASK_CODEBASE_BENCH_OUT is not set');
  // Where the probe is, for a run that does not finish (a busy machine, a hang).
  const stage = (name: string) => fs.writeFileSync(`${out}.stage`, `${name} ${Math.round(performance.now())}\n`, { flag: 'a' });
  const ext = vscode.extensions.getExtension<AskCodebaseApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  const index = api.index;
  const idleAtStart = index.state.state === 'idle';

  const lag = monitorEventLoopDelay({ resolution: 10 });
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  lag.enable();
  const firstRun = new Promise<IndexState>((resolve) => {
    const sub = index.onDidChangeState((s) => {
      if (s.state !== 'ready' && s.state !== 'error') return;
      sub.dispose();
      resolve(s);
    });
  });
  const reindexed = index.reindex();
  // The chat view opened mid-build: its first frame must not wait for the index.
  stage('build started');
  await new Promise((r) => setTimeout(r, 2_000));
  const viewAsked = performance.now();
  await firstAnswer(api);
  const chatFirstFrameMs = performance.now() - viewAsked;
  stage('chat view answered');
  const end = await firstRun;
  const buildMs = performance.now() - started;
  lag.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore);
  // The build's own process has ended by now (a later no-change run would replace this).
  const child = (index as unknown as { lastBuildProcess?: { pid: number; peakRssBytes: number } }).lastBuildProcess;
  stage('first build done');
  await reindexed;
  await index.settled();
  clearInterval(sampler);
  stage('settled');
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const rssAfter = process.memoryUsage().rss;
  const save = await measureSave(api);
  stage('save measured');

  const report = {
    idleAtStart,
    endState: end.state === 'ready' ? { state: 'ready', files: end.files, chunks: end.chunks } : end,
    buildSeconds: Math.round(buildMs / 100) / 10,
    hostEventLoopDelayMs: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max), mean: ms(lag.mean) },
    // CPU the host spent during the build (all its threads), and how busy its event loop was:
    // unlike delays, these do not grow when other processes load the machine.
    hostCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    hostEventLoopUtilization: Math.round(elu.utilization * 1000) / 1000,
    hostRssMB: { before: mb(rssBefore), peak: mb(rssPeak), growth: mb(rssPeak - rssBefore), after: mb(rssAfter), afterVsBefore: Math.round((rssAfter / rssBefore) * 1000) / 1000 },
    buildProcess: child ? { pid: child.pid, hostPid: process.pid, peakRssMB: mb(child.peakRssBytes) } : null,
    save,
    activateMs: Math.round(api.activationMs * 10) / 10,
    chatFirstFrameMs: Math.round(chatFirstFrameMs),
  };
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
}
