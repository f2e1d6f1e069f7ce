// What retrieval hands to composition and the UI: chunks with the evidence of why each was chosen.
import type { ContentKind } from '../scan/contentKind.js';
import type { ChunkKind } from '../types.js';
import type { SignalName } from './fusion.js';

export interface SignalEvidence {
  /** 1-based rank in that signal's own list. */
  rank: number;
  /** The signal's raw score (BM25 for keyword, cosine similarity for vector). */
  score?: number;
}

export interface Location {
  path: string;
  startLine: number;
  endLine: number;
}

export interface RetrievedChunk extends Location {
  id: string;
  language: string;
  kind: ChunkKind;
  /** What the chunk's file is for: code, test, docs or data. */
  contentKind: ContentKind;
  symbol: string;
  parents: string[];
  /** Exact text of lines startLine..endLine as indexed. */
  text: string;
  /** Hash of `text`; a citation checker compares it with the file on disk (stale detection). */
  contentHash: string;
  /** Fused and prior-adjusted score, higher is better; only comparable within one result. */
  score: number;
  signals: Partial<Record<SignalName, SignalEvidence>>;
  /** Other places holding identical content (collapsed duplicates). */
  otherLocations: Location[];
  /** How many of `otherLocations` hold near-identical (not byte-identical) copies. */
  nearDuplicates?: number;
}

export type RetrievalMode = 'hybrid' | 'keyword' | 'vector';

export interface RetrievalResult {
  question: string;
  mode: RetrievalMode;
  chunks: RetrievedChunk[];
  /** True when the index is still building or lacks vectors for some chunks. */
  partial: boolean;
  /** Messages for the user, e.g. 'index built with another model'. */
  warnings: string[];
  timingsMs: Record<string, number>;
}
