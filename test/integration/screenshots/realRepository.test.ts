// Pictures for docs/: an extractive answer on a real repository, its hover preview, and the dark
// theme with the cited file open. The assertions check that each picture shows what it claims.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from '../suite/extensionApi.js';
import { screenshot, tidyWorkbench } from '../suite/screenshots.js';

const QUESTION = process.env.ASK_CODEBASE_SCREENSHOT_QUESTION || 'How does the prompt ask again when the input is invalid?';

async function theme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 800));
}

describe('screenshots of a real repository', () => {
  it('an extractive answer, its hover preview, and the dark theme', async () => {
    const api = await activatedApi();
    await api.index.reindex();
    await api.index.settled();
    assert.equal(api.index.state.state, 'ready', JSON.stringify(api.index.state));
    await theme('Default Light Modern');
    await tidyWorkbench();
    await vscode.commands.executeCommand('askCodebase.newChat');
    const turn = await api.ask(QUESTION);
    assert.equal(turn.provider, 'extractive');
    assert.ok(turn.sources.length > 0);
    const panel = await api.inspectChatView();
    assert.match(panel.answerHtml, /No language model was used/);
    await screenshot('chat-answer');

    const hovered = await api.inspectChatView('hoverFirstChip');
    assert.ok(hovered.hover && hovered.hover.highlighted.length > 0, 'the preview highlights matched lines');
    await screenshot('chat-hover');
    await api.inspectChatView('clearHover');

    await theme('Default Dark Modern');
    await api.inspectChatView('clickFirstChip');
    await new Promise((r) => setTimeout(r, 2000));
    await vscode.commands.executeCommand('askCodebase.focusChat');
    await screenshot('chat-dark');
    await theme('Default Light Modern');
  });
});
