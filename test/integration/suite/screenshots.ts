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

export interface EditorDecorations {
  /** Gutter icons of decoration types (glyph-margin elements with an image). */
  gutterIcons: number;
  /** Line or range decorations that paint a background. */
  backgrounds: number;
}

/** Reads the visible editors' decorations from the workbench DOM (the runner evaluates it in the page). */
export async function editorDecorations(): Promise<EditorDecorations> {
  const dir = process.env.ASK_CODEBASE_SCREENSHOT_DIR;
  if (!dir) throw new Error('ASK_CODEBASE_SCREENSHOT_DIR is not set: the DOM probe needs the code-server runner');
  const name = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await fs.writeFile(path.join(dir, `${name}.probe`), '');
  const answer = path.join(dir, `${name}.json`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = await fs.readFile(answer, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      await fs.rm(answer, { force: true });
      const result = JSON.parse(text) as EditorDecorations & { error?: string };
      if (result.error) throw new Error(`the DOM probe failed: ${result.error}`);
      return result;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the runner answered no DOM probe in 20 s');
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
