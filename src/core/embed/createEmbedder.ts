// One place that turns a model choice into an Embedder (or none: keyword + symbol search only).
import type { Embedder } from './embedder.js';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openaiEmbedder.js';
import { TransformersEmbedder, type TransformersEmbedderOptions } from './transformersEmbedder.js';

export type EmbedderSpec =
  | { kind: 'none' }
  | ({ kind: 'transformers' } & TransformersEmbedderOptions)
  | ({ kind: 'openai' } & OpenAIEmbedderOptions);

export async function createEmbedder(spec: EmbedderSpec, signal?: AbortSignal): Promise<Embedder | null> {
  switch (spec.kind) {
    case 'none':
      return null;
    case 'transformers': {
      const { kind: _kind, ...options } = spec;
      return TransformersEmbedder.create(options, signal);
    }
    case 'openai': {
      const { kind: _kind, ...options } = spec;
      return OpenAIEmbedder.create(options, signal);
    }
  }
}
