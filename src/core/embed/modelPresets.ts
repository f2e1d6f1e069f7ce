// Per-model conventions: some embedding models expect an instruction before queries.

export interface ModelPreset {
  queryPrefix: string;
  documentPrefix: string;
}

/**
 * The model offered to users who opt in to vectors: small (33M parameters, 384-d, ~34 MB
 * quantized ONNX), strong on retrieval benchmarks for its size, and fast on a laptop CPU.
 */
export const DEFAULT_TRANSFORMER_MODEL = 'Xenova/bge-small-en-v1.5';

const PRESETS: [RegExp, ModelPreset][] = [
  [/bge-.*-en/i, { queryPrefix: 'Represent this sentence for searching relevant passages: ', documentPrefix: '' }],
  [/e5-/i, { queryPrefix: 'query: ', documentPrefix: 'passage: ' }],
  [/nomic-embed/i, { queryPrefix: 'search_query: ', documentPrefix: 'search_document: ' }],
];

export function modelPreset(modelId: string): ModelPreset {
  return PRESETS.find(([re]) => re.test(modelId))?.[1] ?? { queryPrefix: '', documentPrefix: '' };
}
