// Entry of a build process (bundled as dist/index-build.cjs, started by core/index/buildProcess.ts):
// the indexer's jobs and the self-evaluation that follows a build, served over IPC.
import { serveBuildJobs } from '../core/index/buildChild.js';
import { indexJobHandlers } from '../core/index/buildJobs.js';
import { tuneJobHandlers } from '../core/tune/tuneJob.js';

serveBuildJobs({ ...indexJobHandlers, ...tuneJobHandlers });
