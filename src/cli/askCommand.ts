// `ask-codebase ask "<question>"`: retrieval + an answer streamed to the terminal, every citation
// checked against the files as they are now and listed at the end.
import path from 'node:path';
import type { Command } from 'commander';
import type { AnswerProvider, AnswerResult } from '../core/answer/types.js';
import type { ProviderChoice } from '../core/answer/selectProvider.js';
import { AskCodebaseError } from '../core/types.js';
import { byteReaderFor, fileReaderFor } from '../core/workspacePaths.js';
import { defaultDbDir } from './dbLocation.js';
import { neutraliseControls } from './terminalText.js';
import { addEmbedderOptions, embedderFromOptions, type EmbedderCliOptions } from './embedderOptions.js';

interface AskCliOptions extends EmbedderCliOptions {
  root?: string;
  db?: string;
  provider: string;
  llmUrl?: string;
  llmModel?: string;
  allowRemote?: boolean;
  k: string;
  contextWindow: string;
  cache: boolean;
  json?: boolean;
  idleTimeout: string;
}

const PROVIDERS = ['auto', 'extractive', 'openai'];
const STATUS_MARK = { valid: '✓', stale: '~ stale', invalid: '✗ invalid' } as const;

export function registerAskCommand(program: Command): void {
  const cmd = program
    .command('ask')
    .description('answer a question about the indexed code, citing file:start-end for each claim')
    .argument('<question>', 'the question')
    .option('--root <dir>', 'the indexed folder (citations are checked against its files)', process.cwd())
    .option('--db <dir>', 'index folder (default: the root\'s index in the user cache)')
    .option('--provider <name>', 'auto | extractive (no model) | openai (an OpenAI-compatible server)', 'auto')
    .option('--llm-url <url>', 'base URL of an OpenAI-compatible server (env ASK_CODEBASE_LLM_URL)', process.env.ASK_CODEBASE_LLM_URL ?? 'http://127.0.0.1:11434/v1')
    .option('--llm-model <name>', 'model name on that server, e.g. qwen2.5-coder:7b (env ASK_CODEBASE_LLM_MODEL); API key from OPENAI_API_KEY', process.env.ASK_CODEBASE_LLM_MODEL)
    .option('--allow-remote', 'allow sending sources (secrets redacted) to a server that is not on this machine')
    .option('-k <n>', 'sources to retrieve', '8')
    .option('--context-window <tokens>', "the model's context window", '8192')
    .option('--no-cache', 'do not reuse or store answers')
    .option('--idle-timeout <seconds>', 'stop waiting when the model server sends nothing for this long (the text so far is kept)', '60')
    .option('--json', 'print the structured result (answer, citations with status, sources) as JSON');
  addEmbedderOptions(cmd);
  cmd.action(async (question: string, opts: AskCliOptions) => {
    const k = positiveInt(opts.k, '-k');
    const contextWindow = positiveInt(opts.contextWindow, '--context-window');
    const idleTimeoutMs = positiveInt(opts.idleTimeout, '--idle-timeout') * 1000;
    if (!PROVIDERS.includes(opts.provider)) throw new AskCodebaseError('bad-arguments', `--provider must be one of ${PROVIDERS.join(', ')}, got "${opts.provider}"`);
    if (opts.provider === 'openai' && !opts.llmModel) throw new AskCodebaseError('bad-arguments', '--provider openai needs --llm-model (or ASK_CODEBASE_LLM_MODEL).');
    const root = path.resolve(opts.root ?? process.cwd());
    const dbDir = opts.db ?? defaultDbDir(root);

    // Loaded here, not at start-up; the OpenAI client only when a server model is named.
    const [{ AnswerCache }, { askIndex }, { ExtractiveProvider }, { selectProvider }, { IndexStore }] = await Promise.all([
      import('../core/answer/answerCache.js'), import('../core/answer/askIndex.js'), import('../core/answer/extractiveProvider.js'),
      import('../core/answer/selectProvider.js'), import('../core/store/indexStore.js'),
    ]);
    const candidates: AnswerProvider[] = [new ExtractiveProvider()];
    const { OpenAICompatibleProvider } = opts.llmModel ? await import('../core/answer/openAICompatibleProvider.js') : {};
    if (opts.llmModel && OpenAICompatibleProvider) candidates.push(new OpenAICompatibleProvider({ baseURL: opts.llmUrl!, model: opts.llmModel, apiKey: process.env.OPENAI_API_KEY }));
    const policy = { allowRemote: Boolean(opts.allowRemote), workspaceTrusted: true };
    const provider = await selectProvider(opts.provider as ProviderChoice, candidates, policy);

    const abort = new AbortController();
    const onSigint = () => abort.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    const store = await IndexStore.openExisting(dbDir);
    const embedder = await embedderFromOptions(opts, (m) => process.stderr.write(m + '\n'));
    try {
      const cache = opts.cache ? await AnswerCache.open({ dir: dbDir }) : undefined;
      const stream = !opts.json;
      const { answer } = await askIndex({
        store, embedder, question, provider, k, contextWindow, cache, policy,
        readFile: fileReaderFor([{ path: root }]),
        readBytes: byteReaderFor([{ path: root }]),
        signal: abort.signal,
        idleTimeoutMs,
        onRetrieved: (r) => stream && process.stderr.write(`(${r.chunks.length} sources, ${r.mode} search; answer by ${provider.label})\n`),
        onDelta: stream ? (d) => process.stdout.write(neutraliseControls(d)) : undefined,
      });
      if (opts.json) process.stdout.write(JSON.stringify(answer) + '\n');
      else printCitations(answer);
    } finally {
      process.off('SIGINT', onSigint);
      await embedder?.dispose();
      await store.close();
    }
  });
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AskCodebaseError('bad-arguments', `${flag} must be a positive whole number, got "${value}"`);
  return n;
}

function printCitations(answer: AnswerResult): void {
  // Markers, paths and reasons quote the model's text: they are neutralised like the answer.
  const out = { write: (text: string) => process.stdout.write(neutraliseControls(text)) };
  out.write(answer.text.endsWith('\n') ? '\n' : '\n\n');
  if (answer.cached) out.write('(cached answer, citations re-checked against the current files)\n');
  if (answer.sources.length) {
    out.write('Sources:\n');
    for (const s of answer.sources) {
      const cited = answer.citations.some((c) => c.sourceIndex === s.index);
      const why = Object.entries(s.signals).map(([name, e]) => `${name} #${e!.rank}`).join(', ');
      out.write(`  [${s.index}] ${s.path}:${s.startLine}-${s.endLine}${s.symbol ? `  ${s.symbol}` : ''}  ${STATUS_MARK[s.status]}${cited ? '' : ' (not cited)'}${why ? `  (${why})` : ''}\n`);
    }
  }
  const loose = answer.citations.filter((c) => c.status !== 'valid');
  for (const c of loose) out.write(`  ${c.marker}: ${STATUS_MARK[c.status]}${c.reason ? ` — ${c.reason}` : ''}\n`);
  for (const w of answer.warnings) process.stderr.write(`note: ${neutraliseControls(w)}\n`);
}
