// The --model family of options, shared by index, search and eval.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { autoModelSpec } from '../core/embed/autoModel.js';
import { createEmbedder, type EmbedderSpec } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';

export interface EmbedderCliOptions {
  model?: string;
  modelDir?: string;
  offline?: boolean;
  embedUrl?: string;
}

/** Index meta key: why `--model auto` built this index keyword-only ('' once the model loaded). */
export const AUTO_KEYWORD_ONLY_KEY = 'autoModelUnavailable';

export function addEmbedderOptions(cmd: Command): Command {
  return cmd
    .option('--model <id>', "embedding model: 'none' (keyword + symbol search, the offline default), 'auto' (the editor's default model, downloaded on first use; keyword-only when it cannot be had), a Hugging Face id (e.g. Xenova/bge-small-en-v1.5, downloaded on first use), or openai:<model> with --embed-url", 'none')
    .option('--model-dir <dir>', 'folder of local models in <org>/<name>/ layout, read before any download')
    .option('--offline', 'never download a model')
    .option('--embed-url <url>', 'base URL of an OpenAI-compatible server for openai:<model> (key from OPENAI_API_KEY)');
}

export function embedderSpec(opts: EmbedderCliOptions): EmbedderSpec {
  const model = opts.model ?? 'none';
  if (model === 'none') return { kind: 'none' };
  if (model.startsWith('openai:')) {
    return { kind: 'openai', model: model.slice('openai:'.length), baseURL: opts.embedUrl ?? 'http://127.0.0.1:11434/v1', apiKey: process.env.OPENAI_API_KEY };
  }
  const cacheBase = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const cacheDir = path.join(cacheBase, 'ask-codebase', 'models');
  if (model === 'auto') return autoModelSpec({ cacheDir, allowRemote: !opts.offline, localModelPath: opts.modelDir ?? process.env.ASK_CODEBASE_MODEL_DIR });
  return {
    kind: 'transformers', modelId: model, localModelPath: opts.modelDir ?? process.env.ASK_CODEBASE_MODEL_DIR,
    cacheDir, allowRemote: !opts.offline,
  };
}

/**
 * `workers`: embedding worker threads for a local model (index builds use one per core).
 * `onKeywordOnly`: told why `auto` goes on without its model.
 */
export async function embedderFromOptions(opts: EmbedderCliOptions, log: (message: string) => void, workers = 1, onKeywordOnly?: (reason: string) => void): Promise<Embedder | null> {
  const spec = embedderSpec(opts);
  if (spec.kind === 'transformers') {
    spec.workers = workers;
    let last = 0;
    spec.onDownloadProgress = (p) => {
      if (Date.now() - last < 1000 || !p.total) return;
      last = Date.now();
      log(`downloading ${p.file}: ${Math.round((100 * p.loaded) / p.total)}%`);
    };
  }
  if (opts.model !== 'auto') return createEmbedder(spec);
  // `auto` never fails a command: without the model (offline, a broken download) the index and
  // the search stay keyword-only, and the reason is said.
  return createEmbedder(spec).catch((err: Error) => {
    if ((err as { code?: string }).code === 'cancelled') throw err;
    log(`embedding model unavailable, keyword-only: ${err.message}`);
    onKeywordOnly?.(err.message);
    return null;
  });
}
