// The Embedder interface every embedding backend implements.

export interface Embedder {
  /** Stable id stored in the index meta; a change means rebuild. */
  readonly id: string;
  readonly dimension: number;
  /** Prefixes some models expect before queries / documents (e.g. 'query: '). */
  readonly queryPrefix: string;
  readonly documentPrefix: string;
  /** Unit-normalised vectors, one per text, in order. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
