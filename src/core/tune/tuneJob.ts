// The self-evaluation as a build-process job: it runs in the process that built the index, after
// the build, so the editor's host never loads the index or the model for it.
import type { BuildJobHandlers } from '../index/buildJobs.js';
import { createEmbedder } from '../embed/createEmbedder.js';
import { tuneAfterBuild } from './afterBuild.js';

export const tuneJobHandlers: Pick<BuildJobHandlers, 'tune'> = {
  async tune({ options }, ctx) {
    // A model the build did not download is not downloaded for the self-evaluation.
    const embedder = await createEmbedder(options.embedder, ctx.signal);
    try {
      return await tuneAfterBuild(options.dbDir, options.root, { buildMs: options.buildMs, embedder }, ctx.signal);
    } finally {
      await embedder?.dispose();
    }
  },
};
