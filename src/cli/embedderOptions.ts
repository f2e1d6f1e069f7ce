// The --model family of options, shared by index, search, ask and eval.
import type { Command } from 'commander';
import type { Embedder } from '../core/embed/embedder.js';
import { AskCodebaseError } from '../core/types.js';

export interface EmbedderCliOptions {
  model?: string;
}

export function addEmbedderOptions(cmd: Command): Command {
  return cmd.option('--model <id>', "embedding model: 'none' (keyword + symbol search, the offline default)", 'none');
}

export async function embedderFromOptions(opts: EmbedderCliOptions, _log: (message: string) => void): Promise<Embedder | null> {
  const model = opts.model ?? 'none';
  if (model === 'none') return null;
  throw new AskCodebaseError('unknown-model', `Unknown embedding model "${model}".`);
}
