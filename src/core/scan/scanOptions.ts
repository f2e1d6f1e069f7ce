// Options of a workspace scan, with the defaults that apply when a field is left out.

export interface ScanOptions {
  /** Files larger than this are skipped as 'too-large'. Default 1 MiB. */
  maxFileSizeBytes?: number;
  /** Extra gitignore-syntax patterns relative to each root (from settings); `!` re-includes. */
  extraIgnorePatterns?: string[];
  /** Follow symbolic links whose target stays inside the root. Default true. */
  followSymlinks?: boolean;
  /** Real paths of folders never walked (the index's own folder when it lies inside a root). */
  excludeFolders?: string[];
}

export type ResolvedScanOptions = Required<ScanOptions>;

// 1 MiB holds any hand-written source file; bigger text is nearly always data or generated.
export const defaultMaxFileSizeBytes = 1_048_576;

export function resolveScanOptions(options: ScanOptions = {}): ResolvedScanOptions {
  return {
    maxFileSizeBytes: options.maxFileSizeBytes ?? defaultMaxFileSizeBytes,
    extraIgnorePatterns: options.extraIgnorePatterns ?? [],
    followSymlinks: options.followSymlinks ?? true,
    excludeFolders: options.excludeFolders ?? [],
  };
}
