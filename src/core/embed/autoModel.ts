// The model behind the `auto` embedding setting: which one, where it comes from, whether it is
// already on disk. A test (or a mirror) points `auto` at another hub and model through two
// environment variables; nothing else reads them.
import fs from 'node:fs';
import path from 'node:path';
import type { EmbedderSpec } from './createEmbedder.js';

/**
 * nomic-embed-text-v1 (137M parameters, 768-d, trained on text and code pairs), converted to ONNX
 * for transformers.js by its maintainers: `onnx/model_quantized.onnx` is 138 MB, the tokenizer
 * under 1 MB. README "Vectors" says why it was chosen.
 */
export const AUTO_MODEL_ID = 'Xenova/nomic-embed-text-v1';
/** transformers.js's name for the int8 file (`model_quantized.onnx`). */
export const AUTO_MODEL_DTYPE = 'q8';
/** Hub base URL for `auto` instead of huggingface.co (tests: a loopback server). */
export const AUTO_MODEL_HUB_ENV = 'ASK_CODEBASE_AUTO_MODEL_HUB';
/** Model id for `auto` instead of AUTO_MODEL_ID (tests: the static test model, full precision). */
export const AUTO_MODEL_ID_ENV = 'ASK_CODEBASE_AUTO_MODEL';

export type AutoModelSpec = Extract<EmbedderSpec, { kind: 'transformers' }>;

/** The `auto` model as a spec; `allowRemote` false loads it only from the cache or a local folder. */
export function autoModelSpec(o: { cacheDir: string; allowRemote: boolean; localModelPath?: string }, env: NodeJS.ProcessEnv = process.env): AutoModelSpec {
  const override = env[AUTO_MODEL_ID_ENV]?.trim();
  const hub = env[AUTO_MODEL_HUB_ENV]?.trim();
  return {
    kind: 'transformers',
    modelId: override || AUTO_MODEL_ID,
    ...(override ? {} : { dtype: AUTO_MODEL_DTYPE }),
    cacheDir: o.cacheDir,
    allowRemote: o.allowRemote,
    ...(o.localModelPath ? { localModelPath: o.localModelPath } : {}),
    ...(hub ? { remoteHost: hub } : {}),
  };
}

/** True when the model's weights are already in the download cache (no network needed to load it). */
export function modelInCache(spec: AutoModelSpec): boolean {
  const dirs = [spec.cacheDir, spec.localModelPath].filter((d): d is string => !!d);
  return dirs.some((dir) => {
    const onnx = path.join(dir, spec.modelId, 'onnx');
    try {
      return fs.readdirSync(onnx).some((f) => f.endsWith('.onnx'));
    } catch {
      return false;
    }
  });
}
