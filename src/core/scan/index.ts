// The scanner's public surface: walk roots, read a found file, name its language.
export { scanWorkspace, type ScanEvent } from './scanWorkspace.js';
export { readSourceFile, type ReadSourceOptions, type SourceRead } from './readSourceFile.js';
export { languageForPath } from './language.js';
export { resolveScanOptions, defaultMaxFileSizeBytes, type ScanOptions } from './scanOptions.js';
export { secretFileReason } from './secretFiles.js';
