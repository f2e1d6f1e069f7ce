// LanceDB's native logger reads LANCEDB_LOG when the addon loads, so this module must be imported
// before '@lancedb/lancedb'. Its warnings (deprecations, projections) would otherwise flood stderr.
process.env.LANCEDB_LOG ??= 'error';
