/* eslint-disable @typescript-eslint/no-require-imports */
/* global module */
// Test-only extension: registers a language model through VS Code's Language Model API whose
// replies the integration tests script (exports.reply), and records every request it receives.
const vscode = require('vscode');

const script = [];
const requests = [];

function activate(context) {
  const provider = {
    provideLanguageModelChatInformation() {
      return [{ id: 'scripted-1', name: 'Scripted Test Model', family: 'scripted', version: '1', maxInputTokens: 16000, maxOutputTokens: 2000, capabilities: {}, isUserSelectable: true }];
    },
    async provideLanguageModelChatResponse(model, messages, options, progress, token) {
      const text = messages.map((m) => m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')).join('\n');
      requests.push({ model: model.id, text });
      const next = script.shift() ?? ['No scripted reply.'];
      for (const piece of next) {
        if (token.isCancellationRequested) return;
        await new Promise((r) => setTimeout(r, 20));
        progress.report(new vscode.LanguageModelTextPart(piece));
      }
    },
    provideTokenCount(model, text) {
      return Math.ceil((typeof text === 'string' ? text : JSON.stringify(text)).length / 4);
    },
  };
  context.subscriptions.push(vscode.lm.registerLanguageModelChatProvider('acb-test', provider));
  return {
    /** Queue the pieces of the next reply. */
    reply: (pieces) => script.push(pieces),
    /** Drop replies no request took (a test that failed before asking). */
    reset: () => void script.splice(0),
    requests,
  };
}

module.exports = { activate, deactivate() {} };
