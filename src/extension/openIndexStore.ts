// Opening the workspace's index for reading: while a first build is still writing it, the reader
// waits for that build; without any index, a message that says how to make one.
import type { IndexStore } from '../core/store/indexStore.js';
import { AskCodebaseError } from '../core/types.js';

export async function openIndexStore(dbDir: string, running: () => Promise<unknown> | undefined): Promise<IndexStore> {
  const { IndexStore } = await import('../core/store/indexStore.js');
  try {
    return await IndexStore.openExisting(dbDir);
  } catch (err) {
    if (!(err instanceof AskCodebaseError) || err.code !== 'no-index') throw err;
    const run = running();
    if (run) {
      await run;
      return IndexStore.openExisting(dbDir);
    }
    throw new AskCodebaseError('no-index', 'The workspace is not indexed yet. Run "Ask Codebase: Re-index Workspace".', { cause: err });
  }
}
