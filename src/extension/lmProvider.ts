// Answers through VS Code's Language Model API (Copilot or any extension that provides models).
import * as vscode from 'vscode';
import { cancelledError } from '../core/answer/providerErrors.js';
import type { AnswerProvider, ChatMessage, StreamOptions } from '../core/answer/types.js';
import { AskCodebaseError } from '../core/types.js';

/** Shown by VS Code when it asks the user to let this extension use a model. */
const JUSTIFICATION = 'Ask Codebase sends the question and the retrieved code (secrets redacted) to answer with citations.';

export class VsCodeLmProvider implements AnswerProvider {
  readonly id = 'vscode';
  /** Models of the Language Model API may run anywhere (Copilot runs remotely): treated as remote. */
  readonly isLocal = false;

  /**
   * @param modelId a model id from `vscode.lm.selectChatModels`, or '' for the first available.
   * @param chosen the model itself, when the user already picked it (a chat request's model).
   */
  constructor(
    private readonly modelId: string,
    private readonly chosen?: vscode.LanguageModelChat,
  ) {}

  get label(): string {
    return this.modelId ? `VS Code model ${this.modelId}` : 'VS Code language model';
  }

  get model(): string | undefined {
    return this.modelId || undefined;
  }

  async available(): Promise<boolean> {
    return (await this.pick().catch(() => undefined)) !== undefined;
  }

  /** The model's input window, for prompt budgeting. */
  async contextWindow(): Promise<number | undefined> {
    return (await this.pick().catch(() => undefined))?.maxInputTokens;
  }

  async *stream(messages: ChatMessage[], options: StreamOptions): AsyncIterable<string> {
    const model = await this.pick();
    if (!model) throw new AskCodebaseError('provider-unavailable', this.modelId ? `The language model "${this.modelId}" is not available in VS Code.` : 'No language model is available in VS Code.');
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The API has no system role: instructions go first as a user message, as its docs advise.
      const lmMessages = messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
      const response = await model.sendRequest(lmMessages, { justification: JUSTIFICATION }, cts.token);
      for await (const piece of response.text) {
        if (options.signal?.aborted) throw cancelledError(options.signal.reason);
        yield piece;
      }
    } catch (err) {
      throw describeLmError(err, model.name, options.signal);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }

  private async pick(): Promise<vscode.LanguageModelChat | undefined> {
    if (this.chosen) return this.chosen;
    const models = await vscode.lm.selectChatModels(this.modelId ? { id: this.modelId } : undefined);
    return models[0];
  }
}

function describeLmError(err: unknown, name: string, signal?: AbortSignal): AskCodebaseError {
  if (err instanceof AskCodebaseError) return err;
  if (signal?.aborted || err instanceof vscode.CancellationError) return cancelledError(err);
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      return new AskCodebaseError('provider-consent', `Ask Codebase may not use ${name}: permission was not given. Allow it when VS Code asks, or pick another model.`, { cause: err });
    }
    if (err.code === vscode.LanguageModelError.Blocked.name) {
      return new AskCodebaseError('provider-blocked', `${name} refused the request (blocked, often a quota): ${err.message}`, { cause: err });
    }
    if (err.code === vscode.LanguageModelError.NotFound.name) {
      return new AskCodebaseError('provider-unavailable', `${name} is no longer available.`, { cause: err });
    }
  }
  return new AskCodebaseError('provider-error', `${name} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
