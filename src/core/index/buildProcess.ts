// The parent's side of a build process: starts dist/index-build.cjs (or, running from source,
// src/cli/buildProcessMain.ts through tsx) as a child Node process with glibc's malloc arenas bounded, sends
// it jobs, and turns its messages back into callbacks. The child's memory is returned when it
// exits; a child that dies mid-job fails that job with 'build-process-died' and the index on
// disk stays as consistent as after a killed CLI run.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AskCodebaseError, type AskCodebaseErrorCode, type ProgressEvent } from '../types.js';
import type { BuildJob, BuildQuestion, FromBuildProcess, ToBuildProcess } from './buildProtocol.js';
import type { PauseGate } from './pauseGate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** After a cancel, time the child gets to stop and release the index before it is killed. */
const CANCEL_GRACE_MS = 15_000;
/** Characters of the child's stderr kept for the message when it dies. */
const STDERR_KEPT = 4_000;

export interface JobHandlers {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onMessage?: (level: 'info' | 'warn', message: string) => void;
  ask?: (question: BuildQuestion) => Promise<boolean>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  handlers: JobHandlers;
}

export class BuildProcess {
  readonly pid: number;
  /** Peak RSS of the child as of its last finished job, in bytes. */
  peakRssBytes = 0;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextJob = 1;
  private exitInfo: string | undefined;
  /** The child's last output on stderr (a crash's message), for the log. */
  private stderr = '';
  readonly exited: Promise<void>;

  private constructor(child: ChildProcess, gate: PauseGate | undefined) {
    this.child = child;
    this.pid = child.pid ?? -1;
    child.on('message', (m: FromBuildProcess) => this.onMessage(m));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.stderr = (this.stderr + text).slice(-STDERR_KEPT)));
    this.exited = new Promise((resolve) => {
      const ended = (info: string) => {
        if (this.exitInfo !== undefined) return;
        const said = this.stderr.trim().split('\n').slice(-3).join(' | ');
        this.exitInfo = info + (said ? `: ${said}` : '');
        const err = new AskCodebaseError('build-process-died', `The index build process stopped (${this.exitInfo}).`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        resolve();
      };
      child.once('exit', (code, signal) => ended(signal ? `killed by ${signal}` : `exit code ${code}`));
      // A process that could not start emits no 'exit'.
      child.on('error', (err) => child.pid === undefined && ended(`could not start: ${err.message}`));
    });
    if (gate) {
      if (gate.paused) this.send({ type: 'pause' });
      const stop = gate.onChange((paused) => this.send({ type: paused ? 'pause' : 'resume' }));
      void this.exited.then(stop);
    }
  }

  /** Starts a build process; `gate` (pause/resume) is mirrored into it. */
  static start(options: { gate?: PauseGate; env?: NodeJS.ProcessEnv } = {}): BuildProcess {
    const bundled = path.join(here, 'index-build.cjs');
    // From source the entry sits in src/cli (it adds the self-evaluation's job to the indexer's).
    const source = path.join(here, '..', '..', 'cli', 'buildProcessMain.ts');
    const fromSource = !existsSync(bundled);
    if (fromSource && !existsSync(source)) throw new Error(`build process script not found: ${bundled} or ${source}`);
    const child = fork(fromSource ? source : bundled, [], {
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      // A VS Code host is Electron: the child must run as plain Node. glibc reads MALLOC_ARENA_MAX
      // only at start, which is why the bound needs a process of its own (src/cli/boundedMalloc.ts).
      env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    return new BuildProcess(child, options.gate);
  }

  /** True until the child exits. */
  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** Runs one job in the child; rejects with the child's error, or 'build-process-died'. */
  run<R>(job: BuildJob, handlers: JobHandlers = {}): Promise<R> {
    if (!this.alive) return Promise.reject(new AskCodebaseError('build-process-died', `The index build process stopped (${this.exitInfo}).`));
    const jobId = this.nextJob++;
    const { signal } = handlers;
    const settled = new Promise<R>((resolve, reject) => {
      this.pending.set(jobId, { resolve: resolve as (v: unknown) => void, reject, handlers });
      this.send({ type: 'run', jobId, job });
    });
    let killTimer: NodeJS.Timeout | undefined;
    const cancel = () => {
      this.send({ type: 'cancel', jobId });
      // A child that cannot stop (stuck in native code) is ended; the index stays consistent.
      killTimer = setTimeout(() => this.kill(), CANCEL_GRACE_MS);
    };
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    return settled.finally(() => {
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', cancel);
    });
  }

  /** No more jobs: the child finishes the one it runs and exits. */
  close(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    return this.exited;
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  private send(message: ToBuildProcess): void {
    if (this.child.connected) this.child.send(message);
  }

  private onMessage(m: FromBuildProcess): void {
    const p = this.pending.get(m.jobId);
    if (!p) return;
    switch (m.type) {
      case 'progress':
        return p.handlers.onProgress?.(m.event);
      case 'log':
        return p.handlers.onMessage?.(m.level, m.message);
      case 'ask': {
        const answer = p.handlers.ask ? p.handlers.ask(m.question) : Promise.resolve(false);
        void answer.catch(() => false).then((value) => this.send({ type: 'answer', askId: m.askId, value }));
        return;
      }
      case 'done':
        this.pending.delete(m.jobId);
        this.peakRssBytes = Math.max(this.peakRssBytes, m.peakRssBytes);
        return p.resolve(m.result);
      case 'failed': {
        this.pending.delete(m.jobId);
        this.peakRssBytes = Math.max(this.peakRssBytes, m.peakRssBytes);
        const code: AskCodebaseErrorCode = m.error.code ?? 'build-process-failed';
        return p.reject(new AskCodebaseError(code, m.error.message));
      }
    }
  }
}
