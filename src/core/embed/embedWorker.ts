// Worker thread running transformers.js, so model loading and inference never block the caller.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbedWorkerInit, EmbedWorkerReply, EmbedWorkerRequest } from './embedProtocol.js';

const port = parentPort!;
const init = workerData as EmbedWorkerInit;
const post = (m: EmbedWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

/**
 * transformers.js reports reading a local or cached file as progress too; only files that are not
 * on disk yet are really downloaded, and only those are reported (as "downloading" to the user).
 */
const downloading = new Map<string, boolean>();
function isDownload(file: string): boolean {
  let remote = downloading.get(file);
  if (remote === undefined) {
    // Checked at a file's first event ("initiate"), before any cache write.
    remote = ![init.localModelPath, init.cacheDir].some((dir) => dir && fs.existsSync(path.join(dir, init.modelId, file)));
    downloading.set(file, remote);
  }
  return remote;
}

async function load(): Promise<Extractor> {
  const tf = await import('@huggingface/transformers');
  tf.env.allowRemoteModels = init.allowRemote;
  // Local models must stay allowed: transformers.js refuses to run with both sources off, and the
  // download cache is read either way.
  tf.env.allowLocalModels = true;
  if (init.localModelPath) tf.env.localModelPath = init.localModelPath.endsWith('/') ? init.localModelPath : init.localModelPath + '/';
  if (init.cacheDir) tf.env.cacheDir = init.cacheDir;
  if (init.remoteHost) tf.env.remoteHost = init.remoteHost.endsWith('/') ? init.remoteHost : init.remoteHost + '/';
  const extractor = await tf.pipeline('feature-extraction', init.modelId, {
    dtype: (init.dtype ?? 'fp32') as 'fp32',
    ...(init.intraOpThreads ? { session_options: { intraOpNumThreads: init.intraOpThreads } } : {}),
    progress_callback: (p: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (p.file && isDownload(p.file)) post({ type: 'progress', file: p.file, loaded: p.loaded ?? 0, total: p.total ?? 0, status: p.status });
    },
  });
  return extractor as unknown as Extractor;
}

const ready = load();
ready.then(
  async (extract) => {
    const probe = await extract(['dimension probe'], { pooling: 'mean', normalize: true });
    post({ type: 'ready', dimension: probe.dims[probe.dims.length - 1] });
  },
  (err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);

port.on('message', async (req: EmbedWorkerRequest) => {
  try {
    const extract = await ready;
    const out = await extract(req.texts, { pooling: 'mean', normalize: true });
    const data = Float32Array.from(out.data);
    post({ type: 'vectors', id: req.id, dimension: out.dims[out.dims.length - 1], data }, [data.buffer]);
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
});
