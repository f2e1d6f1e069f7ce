// The embedding model the settings name, loaded once (downloaded on first use) and replaced when
// the setting changes; null for 'none'. `auto` (the default) is the small code-capable model of
// core/embed/autoModel.ts: the keyword index comes first, then the build process downloads the
// model and rebuilds with vectors; when it cannot (offline, a broken download) the index stays
// keyword-only with the reason, until "Retry Embedding Model Download". An untrusted workspace
// never downloads: `auto` is `none` there, and a named model is used only if already on disk.
import * as vscode from 'vscode';
import { autoModelSpec, modelInCache, type AutoModelSpec } from '../core/embed/autoModel.js';
import { createEmbedder, type EmbedderSpec } from '../core/embed/createEmbedder.js';
import type { Embedder } from '../core/embed/embedder.js';

export class ConfiguredEmbedder {
  private embedder: Promise<Embedder | null> | undefined;
  private loadedKey = '';
  /** Why `auto` is keyword-only for now (shown in the status bar and the index status). */
  private autoFailure: string | undefined;
  /** Set when the next full run should fetch the `auto` model (after the keyword index, or a retry). */
  private autoWanted = false;

  constructor(
    private readonly cacheDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The configured model as data, for a build process that loads (and may download) it itself. */
  spec(): EmbedderSpec {
    const model = configuredModel();
    if (model === 'none') return { kind: 'none' };
    if (model !== 'auto') {
      const named: AutoModelSpec = { kind: 'transformers', modelId: model, cacheDir: this.cacheDir, allowRemote: true };
      if (vscode.workspace.isTrusted) return named;
      // An untrusted workspace never downloads: a model already on disk is used, else none.
      return modelInCache(named) ? { ...named, allowRemote: false } : { kind: 'none' };
    }
    if (!vscode.workspace.isTrusted || this.autoFailure) return { kind: 'none' };
    const spec = autoModelSpec({ cacheDir: this.cacheDir, allowRemote: true });
    return this.autoWanted || modelInCache(spec) ? spec : { kind: 'none' };
  }

  /** Why search is keyword-only although the setting asks for vectors; undefined otherwise. */
  keywordOnlyReason(): string | undefined {
    const model = configuredModel();
    if (model === 'none') return undefined;
    if (!vscode.workspace.isTrusted && this.spec().kind === 'none') return 'untrusted workspace: the embedding model is never downloaded here';
    if (model !== 'auto') return undefined;
    if (this.autoFailure) return `the embedding model could not be downloaded (${this.autoFailure}); run "Ask Codebase: Retry Embedding Model Download"`;
    return undefined;
  }

  /** After a keyword build: true once per window when `auto` still has its model to fetch. */
  takeAutoDownload(): boolean {
    if (configuredModel() !== 'auto' || !vscode.workspace.isTrusted || this.autoFailure || this.autoWanted) return false;
    if (modelInCache(autoModelSpec({ cacheDir: this.cacheDir, allowRemote: false }))) return false;
    this.autoWanted = true;
    return true;
  }

  /** True while a run is the one fetching the `auto` model (its failure leaves the index keyword-only). */
  get fetchingAuto(): boolean {
    return this.autoWanted && configuredModel() === 'auto';
  }

  /** The `auto` model could not be had: keyword-only until a retry. */
  autoFailed(reason: string): void {
    this.autoWanted = false;
    this.autoFailure = reason.replace(/\s+/g, ' ').trim();
    this.log.warn(`embedding model unavailable, search stays keyword-only: ${this.autoFailure}`);
  }

  /** The download worked (or the model was cached): nothing to retry. */
  autoSucceeded(): void {
    this.autoWanted = false;
    this.autoFailure = undefined;
  }

  /** "Retry Embedding Model Download": the next full run tries again. */
  retryAuto(): void {
    this.autoFailure = undefined;
    this.autoWanted = configuredModel() === 'auto';
  }

  /** The model for queries and in-host updates: never downloaded here (the build process does that). */
  current(): Promise<Embedder | null> {
    const spec = this.spec();
    const auto = spec.kind === 'transformers' && configuredModel() === 'auto';
    // While the build process is still downloading the `auto` model, queries go keyword-only.
    const queryable: EmbedderSpec = !auto ? spec : modelInCache(spec) ? { ...spec, allowRemote: false } : { kind: 'none' };
    const key = JSON.stringify(queryable);
    if (this.embedder && key === this.loadedKey) return this.embedder;
    const previous = this.embedder;
    this.loadedKey = key;
    const loading = (async () => {
      await (await previous?.catch(() => null))?.dispose();
      if (queryable.kind !== 'transformers') return null;
      this.log.info(`loading embedding model ${queryable.modelId}`);
      return createEmbedder({
        ...queryable,
        onDownloadProgress: (p) => p.total && this.log.info(`downloading ${p.file}: ${Math.round((100 * p.loaded) / p.total)}%`),
      });
    })();
    // A model that failed to load is tried again by the next caller, not remembered as failed.
    loading.catch(() => {
      if (this.embedder === loading) this.embedder = undefined;
    });
    this.embedder = loading;
    return loading;
  }

  dispose(): void {
    void this.embedder?.then((e) => e?.dispose(), () => undefined);
  }
}

function configuredModel(): string {
  return vscode.workspace.getConfiguration('askCodebase').get<string>('embeddingModel', 'auto').trim() || 'auto';
}
