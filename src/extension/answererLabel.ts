// Which answerer questions go to now, said in the panel header: the provider selectProvider would
// pick with the current settings, or why there is none.
import * as vscode from 'vscode';
import { selectProvider, type AnswerProvider } from '../core/answer/index.js';
import { answerCandidates, readAnswerSettings, remotePolicy } from './answerSettings.js';

export class AnswererLabel {
  private text = 'Answers: checking…';
  private generation = 0;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly changed: () => void) {}

  get current(): string {
    return this.text;
  }

  /** Works the label out again (settings, trust or the available models changed). */
  async refresh(): Promise<void> {
    const mine = ++this.generation;
    const settings = readAnswerSettings();
    let text: string;
    try {
      text = describe(await selectProvider(settings.provider, await answerCandidates(settings, this.secrets), remotePolicy(settings)), settings.openaiBaseUrl);
    } catch (err) {
      text = `Answers: none — ${err instanceof Error ? err.message : String(err)}`;
    }
    if (mine !== this.generation || text === this.text) return;
    this.text = text;
    this.changed();
  }
}

function describe(p: AnswerProvider, baseUrl: string): string {
  if (p.id === 'extractive') return 'Answers: extractive (no model)';
  if (p.id === 'vscode') return `Answers: ${p.model || 'a VS Code language model'} (VS Code model)`;
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // Shown as configured.
  }
  return `Answers: ${p.model ?? p.label} at ${host}`;
}
