// Settings that decide how questions are answered and where code may go. Every one that could send
// code elsewhere is application-scoped in package.json, so a repository's .vscode/settings.json
// cannot change it; this module reads only the user's (global) and default values to be sure.
import * as vscode from 'vscode';
import { ExtractiveProvider, OpenAICompatibleProvider, type AnswerProvider, type ProviderChoice, type RemotePolicy } from '../core/answer/index.js';
import { VsCodeLmProvider } from './lmProvider.js';

export const API_KEY_SECRET = 'askCodebase.openaiApiKey';
export const DEFAULT_OPENAI_URL = 'http://127.0.0.1:11434/v1';

export interface AnswerSettings {
  provider: ProviderChoice;
  vscodeModel: string;
  openaiBaseUrl: string;
  openaiModel: string;
  allowRemote: boolean;
  contextWindow: number;
}

/** The user-level value of a setting, never a workspace or folder value. */
function userValue<T>(key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration('askCodebase').inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readAnswerSettings(): AnswerSettings {
  const provider = userValue<string>('answer.provider', 'auto');
  return {
    provider: (['auto', 'vscode', 'openai', 'extractive'].includes(provider) ? provider : 'auto') as ProviderChoice,
    vscodeModel: userValue('answer.vscodeModel', ''),
    openaiBaseUrl: userValue('answer.openaiBaseUrl', DEFAULT_OPENAI_URL).trim() || DEFAULT_OPENAI_URL,
    openaiModel: userValue('answer.openaiModel', '').trim(),
    allowRemote: userValue('answer.allowRemote', false),
    contextWindow: Math.max(2048, userValue('answer.contextWindow', 8192)),
  };
}

export function remotePolicy(settings: AnswerSettings): RemotePolicy {
  return { allowRemote: settings.allowRemote, workspaceTrusted: vscode.workspace.isTrusted };
}

/** Every provider the settings describe; selectProvider picks among them. */
export async function answerCandidates(settings: AnswerSettings, secrets: vscode.SecretStorage): Promise<AnswerProvider[]> {
  const candidates: AnswerProvider[] = [new VsCodeLmProvider(settings.vscodeModel), new ExtractiveProvider()];
  if (settings.openaiModel) {
    const apiKey = await secrets.get(API_KEY_SECRET);
    try {
      candidates.push(new OpenAICompatibleProvider({ baseURL: settings.openaiBaseUrl, model: settings.openaiModel, apiKey }));
    } catch {
      // An invalid URL: selectProvider reports "openai is not set up" when it is asked for by name.
    }
  }
  return candidates;
}
