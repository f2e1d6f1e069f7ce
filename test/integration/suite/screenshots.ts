// Asks the runner for a screenshot of the workbench (see scripts/lib/codeServer.mjs) and waits
// until it is taken. The images are for people (docs/); tests assert on the DOM, not on pixels.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';

/** A clean frame: no auxiliary bar or notifications, a wider side bar (the editor has focus, so its width shrinks). */
export async function tidyWorkbench(): Promise<void> {
  if (!process.env.ASK_CODEBASE_SCREENSHOT_DIR) return;
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  await vscode.commands.executeCommand('notifications.clearAll').then(undefined, () => undefined);
  await vscode.commands.executeCommand('askCodebase.focusChat');
  for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth').then(undefined, () => undefined);
}

export async function screenshot(name: string): Promise<void> {
  const dir = process.env.ASK_CODEBASE_SCREENSHOT_DIR;
  if (!dir) return;
  const request = path.join(dir, `${name}.request`);
  await fs.writeFile(request, '');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!(await fs.access(request).then(() => true, () => false))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the runner took no screenshot ${name} in 20 s`);
}
