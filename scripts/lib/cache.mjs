// Where provisioned runtimes and built test assets live: outside the work tree, shared by clones.
import os from 'node:os';
import path from 'node:path';

export const cacheRoot = process.env.ASK_CODEBASE_CACHE || path.join(os.homedir(), '.cache', 'ask-codebase');
export const testModelDir = path.join(cacheRoot, 'models');
export const testModelId = 'ask-codebase/static-glove-100d';
