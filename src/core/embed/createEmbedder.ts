// One place that turns a model choice into an Embedder (or none: keyword + symbol search only).
// Each backend is loaded when chosen: without a model, neither the worker code nor the OpenAI
// client is loaded at all (CLI start-up, docs/benchmarks.md).
import type { Embedder } from './embedder.js';
import type { OpenAIEmbedderOptions } from './openaiEmbedder.js';
import type { TransformersEmbedderOptions } from './transformersEmbedder.js';

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
      const { TransformersEmbedder } = await import('./transformersEmbedder.js');
      return TransformersEmbedder.create(options, signal);
    }
    case 'openai': {
      const { kind: _kind, ...options } = spec;
      const { OpenAIEmbedder } = await import('./openaiEmbedder.js');
      return OpenAIEmbedder.create(options, signal);
    }
  }
}
