// The two questions the index asks the user: rebuild a damaged index, and remove many files at once.
import * as vscode from 'vscode';
import { damagedIndexFile } from '../core/store/storeErrors.js';

/**
 * After a read failure inside the index (a damaged data or index file), offers the run that
 * repairs it: a full run checks every file and index, and rebuilds while the old stays readable.
 */
export function offerRebuildIfDamaged(err: unknown, rebuild: () => void): void {
  const file = damagedIndexFile(err);
  if (file === undefined) return;
  const action = 'Rebuild Index';
  void vscode.window
    .showWarningMessage(`Ask Codebase: the index could not be read; it looks damaged${file ? ` (${file})` : ''}.`, action)
    .then((answer) => {
      if (answer === action) rebuild();
    });
}

/** A run would remove more than half of the index (a folder moved or unmounted?): ask first. */
export async function confirmMassDelete(removing: number, indexed: number): Promise<boolean> {
  const remove = 'Remove from Index';
  const answer = await vscode.window.showWarningMessage(
    `Ask Codebase: ${removing} of the ${indexed} indexed files are gone or now excluded. Remove them from the index?`,
    { modal: true, detail: 'If a folder was moved, renamed or is on a drive that is not mounted, keep them and index again once it is back.' },
    remove,
  );
  return answer === remove;
}
