// Injected into CJS bundles so code written with import.meta.url keeps working.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CJS bundles only: this file is injected into them
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
