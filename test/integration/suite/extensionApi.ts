// The extension under test, activated, with its test-facing API.
import * as vscode from 'vscode';
import type { AskCodebaseApi } from '../../../src/extension/extension.js';

export const extensionId = 'ask-codebase.ask-codebase';

export async function activatedApi(): Promise<AskCodebaseApi> {
  const ext = vscode.extensions.getExtension<AskCodebaseApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}
