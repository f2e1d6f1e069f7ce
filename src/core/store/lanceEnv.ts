// LanceDB's native code reads these environment variables once, when the addon loads or on first
// use, so this module must be imported before '@lancedb/lancedb'. A value the user set wins.
// Each bound below was measured on a first build of Debian's linux-source-6.1 (78k files, 962k
// chunks, bundled CLI, 2 cores): none of them made the build measurably slower.

// Its warnings (deprecations, projections) would otherwise flood stderr.
process.env.LANCEDB_LOG ??= 'error';

// The full-text index builder buffers postings in memory up to this many MiB per worker before
// spilling to disk; its default (2 GiB) let the Linux build peak at 3.2 GB RSS.
process.env.LANCE_FTS_PARTITION_SIZE ??= '128';

// One full-text builder worker instead of one per core: peak 1.41 → 1.28 GB, same build time
// (the builder waits on its input scan, not on tokenizing).
process.env.LANCE_FTS_NUM_SHARDS ??= '1';

// A scan may queue up to this many bytes of reads ahead of its consumer (default 2 GiB). The
// compaction and index-build scans over the chunk text ran far ahead of the tokenizer on a local
// disk: 64 MiB took the Linux build's peak from 1.27 to 1.11 GB.
process.env.LANCE_DEFAULT_IO_BUFFER_SIZE ??= String(64 * 1024 * 1024);
