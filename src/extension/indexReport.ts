// "Show Index Status": what is indexed, what was skipped and why, as a markdown document.
import type { StoreStats } from '../core/store/storeStats.js';
import type { SkipReason } from '../core/types.js';
import type { AnswerSettings } from './answerSettings.js';
import type { IndexState } from './workspaceIndex.js';
import { statusText } from './statusBar.js';
import { selfTuningSection } from './selfTuning.js';

const SKIP_REASONS: Record<SkipReason, string> = {
  ignored: 'matched an ignore rule',
  'too-large': 'larger than askCodebase.maxFileSizeKB',
  binary: 'binary content',
  minified: 'minified code',
  generated: 'generated code',
  secret: 'may hold secrets (never indexed)',
  unreadable: 'could not be read',
  excluded: 'built-in exclude (version control, dependencies, build output, lock files, media)',
  'symlink-loop': 'symbolic link loop',
  'outside-root': 'symbolic link to outside the folder',
};

export function indexReport(state: IndexState, stats: StoreStats | undefined, settings: AnswerSettings, trusted: boolean, dbDir: string): string {
  const lines = ['# Ask Codebase — index status', '', `**State:** ${state.state === 'error' ? `error: ${state.message}` : statusText(state).replace(/\$\([^)]+\)\s*/, '')}`, ''];
  if (!stats || stats.files + stats.skippedTotal === 0) {
    lines.push('Nothing is indexed yet. Run **Ask Codebase: Re-index Workspace**.', '');
  } else {
    lines.push(
      '| | |', '|---|---|',
      `| Files indexed | ${stats.files.toLocaleString('en')} |`,
      `| Chunks | ${stats.chunks.toLocaleString('en')} |`,
      `| Vectors | ${stats.dimension > 0 ? `${stats.chunksWithVectors.toLocaleString('en')} of ${stats.chunks.toLocaleString('en')} (${stats.embedderId})` : 'none: keyword + symbol + structure search'} |`,
      `| Index size | ${(stats.diskBytes / 1024 / 1024).toFixed(1)} MB in \`${dbDir}\` |`,
      `| Last update | ${stats.updatedAt ?? 'unknown'} |`,
      '',
      '## Languages', '',
      ...Object.entries(stats.languages).sort((a, b) => b[1] - a[1]).map(([lang, n]) => `- ${lang}: ${n.toLocaleString('en')}`),
      '',
      `## Skipped files (${stats.skippedTotal.toLocaleString('en')})`, '',
      ...(stats.skippedTotal === 0 ? ['None.'] : Object.entries(stats.skippedByReason).sort((a, b) => b[1] - a[1]).map(([r, n]) => `- ${n.toLocaleString('en')} — ${SKIP_REASONS[r as SkipReason] ?? r}`)),
      '',
    );
  }
  lines.push(...selfTuningSection(stats));
  const model = settings.provider === 'extractive' ? 'none (extractive answers)' : settings.provider;
  lines.push(
    '## Answering', '',
    `- Provider: ${model}${settings.openaiModel ? `; server model \`${settings.openaiModel}\` at ${settings.openaiBaseUrl}` : ''}${settings.vscodeModel ? `; VS Code model \`${settings.vscodeModel}\`` : ''}`,
    `- Remote models: ${!trusted ? 'never (untrusted workspace)' : settings.allowRemote ? 'allowed (secrets redacted)' : 'not allowed'}`,
    '',
  );
  return lines.join('\n');
}
