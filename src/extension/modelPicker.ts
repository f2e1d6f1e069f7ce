// "Select Language Model" and "Set API Key": choosing who writes answers, with explicit consent
// before code may go to a model off this machine.
import * as vscode from 'vscode';
import { isLoopbackHost } from '../core/answer/index.js';
import { API_KEY_SECRET, readAnswerSettings } from './answerSettings.js';

type Choice = vscode.QuickPickItem & { apply: () => Promise<boolean> };

const config = () => vscode.workspace.getConfiguration('askCodebase');
const setGlobal = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

export async function selectLanguageModel(): Promise<void> {
  const settings = readAnswerSettings();
  const models = await vscode.lm.selectChatModels().then((m) => m, () => [] as vscode.LanguageModelChat[]);
  const choices: Choice[] = [
    { label: '$(wand) Automatic', description: 'first available: VS Code model, server, no model', picked: settings.provider === 'auto', apply: async () => (await setGlobal('answer.provider', 'auto'), true) },
    { label: 'VS Code language models', kind: vscode.QuickPickItemKind.Separator, apply: async () => false },
    // Its own row under its own heading, so it cannot read as a caption of the server row below.
    ...(models.length ? [] : [{ label: '$(circle-slash) None installed', description: 'a model extension (e.g. GitHub Copilot) adds them here', apply: async () => false }]),
    ...models.map((m): Choice => ({
      label: `$(sparkle) ${m.name}`,
      description: `${m.vendor} · ${m.family} · ${m.maxInputTokens.toLocaleString('en')} tokens`,
      detail: 'VS Code language model; runs wherever its provider runs',
      picked: settings.provider === 'vscode' && settings.vscodeModel === m.id,
      apply: async () => {
        if (!(await consentToRemote(m.name))) return false;
        await setGlobal('answer.vscodeModel', m.id);
        await setGlobal('answer.provider', 'vscode');
        return true;
      },
    })),
    { label: 'Other', kind: vscode.QuickPickItemKind.Separator, apply: async () => false },
    { label: '$(server) OpenAI-compatible server…', description: settings.openaiModel ? `${settings.openaiModel} at ${settings.openaiBaseUrl}` : 'Ollama, LM Studio, llama.cpp, vLLM, OpenAI', picked: settings.provider === 'openai', apply: configureServer },
    { label: '$(list-flat) No language model', description: 'extractive answers from the sources, offline', picked: settings.provider === 'extractive', apply: async () => (await setGlobal('answer.provider', 'extractive'), true) },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: 'Ask Codebase: who writes the answers?' });
  if (picked && (await picked.apply())) void vscode.window.setStatusBarMessage(`Ask Codebase: answers by ${picked.label.replace(/\$\([^)]+\)\s*/, '')}`, 3000);
}

async function configureServer(): Promise<boolean> {
  const settings = readAnswerSettings();
  const baseUrl = await vscode.window.showInputBox({
    title: 'OpenAI-compatible server (1/2)', prompt: 'Base URL of the server', value: settings.openaiBaseUrl, ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'Use an http:// or https:// URL.';
      } catch {
        return 'Not a valid URL, e.g. http://127.0.0.1:11434/v1';
      }
    },
  });
  if (!baseUrl) return false;
  const model = await vscode.window.showInputBox({ title: 'OpenAI-compatible server (2/2)', prompt: 'Model name on that server', value: settings.openaiModel, placeHolder: 'e.g. qwen2.5-coder:7b', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the model name.') });
  if (!model) return false;
  if (!isLoopbackHost(new URL(baseUrl).hostname) && !(await consentToRemote(new URL(baseUrl).host))) return false;
  await setGlobal('answer.openaiBaseUrl', baseUrl);
  await setGlobal('answer.openaiModel', model.trim());
  await setGlobal('answer.provider', 'openai');
  return true;
}

/** Asks once before code may leave the machine; remembered in askCodebase.answer.allowRemote. */
async function consentToRemote(where: string): Promise<boolean> {
  if (readAnswerSettings().allowRemote) return true;
  const allow = 'Allow';
  const answer = await vscode.window.showWarningMessage(
    `Answers by ${where} send your question and the retrieved code (secrets redacted) off this machine. Allow remote models?`,
    { modal: true, detail: 'You can turn this off again with the setting askCodebase.answer.allowRemote. In untrusted workspaces nothing is sent.' },
    allow,
  );
  if (answer !== allow) return false;
  await setGlobal('answer.allowRemote', true);
  return true;
}

export async function setApiKey(secrets: vscode.SecretStorage): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: 'Ask Codebase: API key for the OpenAI-compatible server', prompt: 'Kept in VS Code secret storage, never in settings. Leave empty to remove the key.',
    password: true, ignoreFocusOut: true,
  });
  if (key === undefined) return;
  if (key.trim() === '') {
    await secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage('Ask Codebase: the API key was removed.');
  } else {
    await secrets.store(API_KEY_SECRET, key.trim());
    void vscode.window.showInformationMessage('Ask Codebase: the API key was saved in secret storage.');
  }
}
