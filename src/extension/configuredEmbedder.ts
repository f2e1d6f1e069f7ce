// The embedding model the settings name, loaded once (downloaded on first use) and replaced when
// the setting changes; null for 'none'.
import * as vscode from 'vscode';
import { createEmbedder, type EmbedderSpec } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';

export class ConfiguredEmbedder {
  private embedder: Promise<Embedder | null> | undefined;
  private model = 'none';

  constructor(
    private readonly cacheDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The configured model as data, for a build process that loads it itself. */
  spec(): EmbedderSpec {
    const model = configuredModel();
    return model === 'none' ? { kind: 'none' } : { kind: 'transformers', modelId: model, cacheDir: this.cacheDir, allowRemote: true };
  }

  current(): Promise<Embedder | null> {
    const model = configuredModel();
    if (this.embedder && model === this.model) return this.embedder;
    const previous = this.embedder;
    this.model = model;
    this.embedder = (async () => {
      await (await previous?.catch(() => null))?.dispose();
      if (model === 'none') return null;
      this.log.info(`loading embedding model ${model}`);
      return createEmbedder({
        kind: 'transformers', modelId: model, cacheDir: this.cacheDir, allowRemote: true,
        onDownloadProgress: (p) => p.total && this.log.info(`downloading ${p.file}: ${Math.round((100 * p.loaded) / p.total)}%`),
      });
    })();
    return this.embedder;
  }

  dispose(): void {
    void this.embedder?.then((e) => e?.dispose(), () => undefined);
  }
}

function configuredModel(): string {
  return vscode.workspace.getConfiguration('askCodebase').get<string>('embeddingModel', 'none').trim() || 'none';
}
