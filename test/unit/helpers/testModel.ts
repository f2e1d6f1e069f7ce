// Where the static GloVe test model lives (built by scripts/build-test-model.mjs before unit tests).
import os from 'node:os';
import path from 'node:path';

export const testModelRoot = path.join(process.env.ASK_CODEBASE_CACHE || path.join(os.homedir(), '.cache', 'ask-codebase'), 'models');
export const testModelId = 'ask-codebase/static-glove-100d';
