// File saves, creations and deletions in the workspace become targeted index updates.
import * as vscode from 'vscode';
import { excludedFileReason, excludedFolderReason } from '../core/scan/builtinExcludes.js';
import { storePathOf } from '../core/workspacePaths.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export function watchFileEvents(index: WorkspaceIndex): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const onFileEvent = (uri: vscode.Uri) => {
    const storePath = storePathOf(index.roots(), uri.fsPath);
    if (storePath && !isExcludedPath(storePath)) index.filesChanged([storePath]);
  };
  return [watcher, watcher.onDidChange(onFileEvent), watcher.onDidCreate(onFileEvent), watcher.onDidDelete(onFileEvent)];
}

/** Version-control, dependency and lock/media files never enter the index: their events are noise. */
function isExcludedPath(storePath: string): boolean {
  const parts = storePath.split('/');
  const none = new Set<string>();
  return parts.slice(0, -1).some((p) => excludedFolderReason(p, none) !== undefined) || excludedFileReason(parts[parts.length - 1]) !== undefined;
}
