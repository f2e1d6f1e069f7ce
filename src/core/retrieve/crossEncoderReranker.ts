// A cross-encoder reranker on transformers.js (AutoTokenizer + AutoModelForSequenceClassification),
// in-process: the question and each chunk are read together, which a bi-encoder cannot do.
import { AskCodebaseError } from '../types.js';
import type { Reranker } from './reranker.js';
import type { RetrievedChunk } from './types.js';

export interface CrossEncoderOptions {
  modelId: string;
  /** Folder of local models in <org>/<name>/ layout. */
  localModelPath?: string;
  cacheDir?: string;
  allowRemote?: boolean;
  /** Tokens per (question, chunk) pair; longer chunks are cut (default 512). */
  maxLength?: number;
  /** Pairs per inference call (default 8). */
  batchSize?: number;
}

interface Tokenizer {
  (texts: string[], options: { text_pair: string[]; padding: boolean; truncation: boolean; max_length: number }): Record<string, unknown>;
}
type Model = (inputs: Record<string, unknown>) => Promise<{ logits: { data: ArrayLike<number>; dims: number[] } }>;

/**
 * One relevance score per row of a [n, labels] logits tensor: the logit itself for a single-label
 * head (ms-marco style), else the probability of the last label ("relevant") by softmax.
 */
export function relevanceFromLogits(data: ArrayLike<number>, dims: number[]): number[] {
  const [n, labels = 1] = dims;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels === 1) {
      out.push(Number(data[i]));
      continue;
    }
    const row = Array.from({ length: labels }, (_, j) => Number(data[i * labels + j]));
    const max = Math.max(...row);
    const exp = row.map((x) => Math.exp(x - max));
    out.push(exp[labels - 1] / exp.reduce((a, b) => a + b, 0));
  }
  return out;
}

export class CrossEncoderReranker implements Reranker {
  readonly id: string;

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly model: Model,
    private readonly options: CrossEncoderOptions,
  ) {
    this.id = `cross-encoder:${options.modelId}`;
  }

  static async create(options: CrossEncoderOptions): Promise<CrossEncoderReranker> {
    const tf = await import('@huggingface/transformers');
    tf.env.allowRemoteModels = options.allowRemote ?? false;
    tf.env.allowLocalModels = true;
    if (options.localModelPath) tf.env.localModelPath = options.localModelPath.endsWith('/') ? options.localModelPath : options.localModelPath + '/';
    if (options.cacheDir) tf.env.cacheDir = options.cacheDir;
    try {
      const tokenizer = await tf.AutoTokenizer.from_pretrained(options.modelId);
      const model = await tf.AutoModelForSequenceClassification.from_pretrained(options.modelId, { dtype: 'fp32' });
      return new CrossEncoderReranker(tokenizer as unknown as Tokenizer, model as unknown as Model, options);
    } catch (err) {
      const where = options.localModelPath ? ` in ${options.localModelPath}` : '';
      const how = options.allowRemote ? '' : ' (downloads are off: put the model there in <org>/<name>/ layout, with onnx/model.onnx, config.json and tokenizer.json)';
      throw new AskCodebaseError(
        'reranker-unavailable',
        `The cross-encoder model "${options.modelId}" could not be loaded${where}${how}: ${(err as Error).message.split('\n')[0]}`,
        { cause: err },
      );
    }
  }

  async rerank(question: string, chunks: RetrievedChunk[], signal?: AbortSignal): Promise<number[]> {
    const batch = this.options.batchSize ?? 8;
    const scores: number[] = [];
    for (let i = 0; i < chunks.length; i += batch) {
      if (signal?.aborted) throw new AskCodebaseError('cancelled', 'Reranking was cancelled.');
      const part = chunks.slice(i, i + batch);
      const inputs = this.tokenizer(part.map(() => question), {
        text_pair: part.map((c) => `${c.path}\n${c.text}`), padding: true, truncation: true, max_length: this.options.maxLength ?? 512,
      });
      const { logits } = await this.model(inputs);
      scores.push(...relevanceFromLogits(logits.data, logits.dims));
    }
    return scores;
  }
}
