// Guards that keep a typo or a vanished mount from emptying an index: every root must be a
// readable folder before anything is written, and a run that would remove more than half of the
// indexed files needs an explicit yes.
import fs from 'node:fs/promises';
import { describe } from '../scan/errorText.js';
import { AskCodebaseError } from '../types.js';

/**
 * Below this many indexed files a mass removal is not guarded: such an index is rebuilt in
 * seconds, and asking on every small cleanup would teach users to click yes.
 */
export const MASS_DELETE_MIN_FILES = 10;

/** Throws a clear error when a root is missing, not a folder, or cannot be listed. */
export async function assertRootsReadable(roots: readonly { path: string }[]): Promise<void> {
  for (const root of roots) {
    try {
      const st = await fs.stat(root.path);
      if (!st.isDirectory()) throw new Error('not a folder');
      const dir = await fs.opendir(root.path);
      await dir.close();
    } catch (err) {
      throw rootUnreadable(root.path, err);
    }
  }
}

export function rootUnreadable(rootPath: string, err: unknown): AskCodebaseError {
  return new AskCodebaseError(
    'root-unreadable',
    `The folder ${rootPath} cannot be read (${describe(err)}). Nothing was changed in the index: check the path, or mount the drive, and run again.`,
    { cause: err },
  );
}

/** Whether removing `removing` of `indexed` files is a mass removal that needs a yes. */
export function isMassDelete(removing: number, indexed: number): boolean {
  return indexed >= MASS_DELETE_MIN_FILES && removing * 2 > indexed;
}

export function massDeleteRefused(removing: number, indexed: number): AskCodebaseError {
  return new AskCodebaseError(
    'mass-delete',
    `This run would remove ${removing} of the ${indexed} indexed files (more than half). If a folder was moved or unmounted, nothing was changed; ` +
      'if the files really are gone, run again with --allow-mass-delete.',
  );
}
