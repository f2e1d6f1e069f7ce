// The roots an editor window indexes: every workspace folder, labelled by folder name when there
// are several.
import * as vscode from 'vscode';
import { uniqueRootLabels, type LabelledRoot } from '../core/workspacePaths.js';

export function workspaceRoots(): LabelledRoot[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  // Two folders may share a name (a/src, b/src): their labels must not.
  const labels = uniqueRootLabels(folders.map((f) => f.name));
  return folders.map((f, i) => ({ path: f.uri.fsPath, label: folders.length > 1 ? labels[i] : undefined }));
}
