// What the editor shows of the index: starting, indexing (with progress), ready, or an error.
import type { ProgressEvent } from '../core/types.js';

export type IndexState =
  /** Before the first run ("Starting…"), or `cleared` by Clear Index ("Not indexed"). */
  | { state: 'idle'; cleared?: boolean }
  | { state: 'indexing'; progress?: ProgressEvent; paused: boolean; filesPerSecond?: number }
  /** `keywordOnly`: why there are no vectors although the setting asks for them (`auto` offline, untrusted). */
  | { state: 'ready'; files: number; chunks: number; skipped: number; embedded: boolean; keywordOnly?: string }
  | { state: 'error'; message: string; restarting?: boolean };
