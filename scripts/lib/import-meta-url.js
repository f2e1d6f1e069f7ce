// Injected into CJS bundles so code written with import.meta.url keeps working.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
