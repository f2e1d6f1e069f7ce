// Messages between the TransformersEmbedder and its worker thread.

export interface EmbedWorkerInit {
  modelId: string;
  /** Folder with models in `<org>/<name>/` layout, read before any download (offline models). */
  localModelPath?: string;
  /** Where downloaded models are cached (the extension's global storage). */
  cacheDir?: string;
  allowRemote: boolean;
  /** Hub mirror, e.g. a loopback server in tests. */
  remoteHost?: string;
  dtype?: string;
  /** ONNX Runtime threads for one inference (set when several workers share the cores). */
  intraOpThreads?: number;
}

export type EmbedWorkerRequest = { type: 'embed'; id: number; texts: string[] };

export type EmbedWorkerReply =
  | { type: 'ready'; dimension: number }
  | { type: 'progress'; file: string; loaded: number; total: number; status: string }
  | { type: 'vectors'; id: number; dimension: number; data: Float32Array }
  | { type: 'error'; id?: number; message: string };
