// Contracts shared between the engine's rooms (scan → chunk → embed → store → index → retrieve).

/** A file found by the scanner and accepted for indexing. */
export interface ScannedFile {
  /** Absolute root folder this file was found under. */
  root: string;
  /** Path relative to root, with '/' separators and no leading './'. */
  path: string;
  absPath: string;
  size: number;
  mtimeMs: number;
  /** Language id for the chunker (e.g. 'typescript', 'python', 'markdown', 'text'). */
  language: string;
}

export type SkipReason =
  | 'ignored' // matched .gitignore / .ignore / .askcodebaseignore
  | 'excluded' // built-in exclude (VCS dirs, node_modules, build output, lock files, media/archives)
  | 'secret' // secret-looking file, never indexed
  | 'too-large'
  | 'binary'
  | 'minified'
  | 'generated'
  | 'unreadable'
  | 'symlink-loop'
  | 'outside-root';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  detail?: string;
}

export type ChunkKind =
  | 'function'
  | 'method'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'module'
  | 'statements' // merged top-level statements
  | 'section' // markdown heading section
  | 'window'; // fixed line window fallback

/** A piece of a file, cut along its syntax tree. Lines are 1-based and inclusive. */
export interface Chunk {
  path: string;
  startLine: number;
  endLine: number;
  language: string;
  kind: ChunkKind;
  /** Name of the declaration this chunk holds, '' when none. */
  symbol: string;
  /** Enclosing declarations, outermost first, e.g. ['class ChunkTable']. */
  parents: string[];
  /** Exact source text of lines startLine..endLine. */
  text: string;
}

/** Progress of long work, reported as events. */
export interface ProgressEvent {
  phase: 'scan' | 'chunk' | 'embed' | 'store' | 'optimize' | 'done';
  filesDone: number;
  filesTotal: number;
  chunksDone: number;
  chunksPerSecond?: number;
  etaSeconds?: number;
  message?: string;
}

/**
 * What went wrong, for callers that react to one failure (e.g. `cancelled`, `no-index`); a union,
 * so a misspelt code fails the typecheck. Add a code here when you throw a new kind of error.
 */
export type AskCodebaseErrorCode =
  // bad input from the user, and stopping on request
  | 'bad-arguments' | 'bad-queries' | 'empty-query' | 'empty-question' | 'outside-workspace' | 'cancelled'
  // scan, chunk, embed
  | 'chunker-closed' | 'model-unavailable' | 'embed-disposed' | 'embed-failed' | 'embed-worker-crashed'
  | 'embed-worker-exited' | 'embed-server-failed' | 'embed-server-malformed'
  // the index on disk
  | 'no-index' | 'index-unreadable' | 'index-locked' | 'index-dir-unwritable' | 'index-disk-full'
  | 'index-write-failed' | 'index-bad-vector' | 'index-no-vectors' | 'root-unreadable' | 'mass-delete'
  // the build process (a child of the editor)
  | 'build-process-died' | 'build-process-failed'
  // rerankers
  | 'reranker-config' | 'reranker-failed' | 'reranker-unavailable'
  // answering: prompt, cache, providers
  | 'prompt-too-large' | 'extractive-needs-prompt' | 'answer-cache-corrupt' | 'answer-cache-unreadable'
  | 'remote-refused' | 'provider-missing' | 'provider-unavailable' | 'provider-config' | 'provider-consent'
  | 'provider-blocked' | 'provider-auth' | 'provider-not-found' | 'provider-rate-limited' | 'provider-timeout'
  | 'provider-unreachable' | 'provider-disconnected' | 'provider-stalled' | 'provider-bad-response' | 'provider-error'
  // evaluation
  | 'dataset-unreadable' | 'dataset-malformed' | 'eval-tree-unreadable' | 'git-failed';

/** A typed error with a message fit for the user. */
export class AskCodebaseError extends Error {
  constructor(
    readonly code: AskCodebaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AskCodebaseError';
  }
}
