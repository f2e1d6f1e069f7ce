// The --rerank option shared by search and eval: `cross-encoder:<model id>` or `llm:<url>#<model>`.
// The chosen reranker's code is loaded only when one is asked for.
import os from 'node:os';
import path from 'node:path';
import type { Reranker } from '../core/retrieve/reranker.js';
import { AskCodebaseError } from '../core/types.js';

export const RERANK_HELP =
  "optional second stage: cross-encoder:<model id> (transformers.js, local models from --model-dir; e.g. Xenova/ms-marco-MiniLM-L-6-v2) or llm:<base url>#<model> (an OpenAI-compatible chat server judging relevance; key from OPENAI_API_KEY). Off by default";

export async function rerankerFromSpec(spec: string | undefined, opts: { modelDir?: string; offline?: boolean }): Promise<Reranker | null> {
  if (!spec || spec === 'none') return null;
  if (spec.startsWith('cross-encoder:')) {
    const modelId = spec.slice('cross-encoder:'.length);
    if (!modelId) throw new AskCodebaseError('bad-arguments', 'Name the model: --rerank cross-encoder:<model id>.');
    const cacheBase = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    const { CrossEncoderReranker } = await import('../core/retrieve/crossEncoderReranker.js');
    return CrossEncoderReranker.create({
      modelId, localModelPath: opts.modelDir ?? process.env.ASK_CODEBASE_MODEL_DIR, cacheDir: path.join(cacheBase, 'ask-codebase', 'models'), allowRemote: !opts.offline,
    });
  }
  if (spec.startsWith('llm:')) {
    const rest = spec.slice('llm:'.length);
    const hash = rest.lastIndexOf('#');
    if (hash < 0) throw new AskCodebaseError('bad-arguments', 'Give the judge as llm:<base url>#<model>, e.g. llm:http://127.0.0.1:11434/v1#qwen2.5-coder.');
    const { LlmJudgeReranker } = await import('../core/retrieve/llmJudgeReranker.js');
    return new LlmJudgeReranker({ baseURL: rest.slice(0, hash), model: rest.slice(hash + 1), apiKey: process.env.OPENAI_API_KEY });
  }
  throw new AskCodebaseError('bad-arguments', `Unknown reranker "${spec}". Use cross-encoder:<model id> or llm:<base url>#<model>.`);
}
