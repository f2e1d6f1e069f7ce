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

/** Per reason, the skipped files by name with what excluded each (the ignore file and its pattern). */
function skippedSections(stats: StoreStats): string[] {
  const out: string[] = [];
  for (const [reason, n] of Object.entries(stats.skippedByReason).sort((a, b) => b[1] - a[1])) {
    out.push(`### ${SKIP_REASONS[reason as SkipReason] ?? reason} (${n.toLocaleString('en')})`, '');
    const files = stats.skippedFiles.filter((f) => f.reason === reason);
    // An ignore rule reads as code (`src/.gitignore: *.log`); other details as text.
    const detail = (f: { reason: string; detail: string }) => (!f.detail ? '' : f.reason === 'ignored' ? ` — \`${mdCode(f.detail)}\`` : ` — ${mdText(f.detail)}`);
    out.push(...files.map((f) => `- \`${mdCode(f.path)}\`${detail(f)}`));
    if (n > files.length) out.push(`- … and ${(n - files.length).toLocaleString('en')} more`);
    out.push('');
  }
  return out;
}

/** A path inside a code span: backticks would end it. */
function mdCode(s: string): string {
  return s.replace(/`/g, "'");
}

/** A detail shown as text mid-line: the characters that would start emphasis, code, links or HTML are escaped. */
function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]|<>]/g, '\\$&');
}

export function indexReport(state: IndexState, stats: StoreStats | undefined, settings: AnswerSettings, trusted: boolean, dbDir: string): string {
  const lines = ['# Ask Codebase — index status', '', `**State:** ${state.state === 'error' ? `error: ${state.message}` : statusText(state).replace(/\$\([^)]+\)\s*/, '')}`, ''];
  if (!stats || stats.files + stats.skippedTotal === 0) {
    lines.push('Nothing is indexed yet. Run **Ask Codebase: Re-index Workspace**.', '');
  } else {
    lines.push(
      '| | |', '|---|---|',
      `| Files indexed | ${stats.files.toLocaleString('en')} |`,
      `| Chunks | ${stats.chunks.toLocaleString('en')} |`,
      `| Vectors | ${stats.dimension > 0 ? `${stats.chunksWithVectors.toLocaleString('en')} of ${stats.chunks.toLocaleString('en')} (${stats.embedderId})` : state.state === 'ready' && state.keywordOnly ? `none, keyword-only: ${mdText(state.keywordOnly)}` : 'none: keyword + symbol + structure search'} |`,
      `| Index size | ${(stats.diskBytes / 1024 / 1024).toFixed(1)} MB in \`${dbDir}\` |`,
      `| Last update | ${stats.updatedAt ?? 'unknown'} |`,
      '',
      '## Languages', '',
      ...Object.entries(stats.languages).sort((a, b) => b[1] - a[1]).map(([lang, n]) => `- ${lang}: ${n.toLocaleString('en')}`),
      '',
      `## Skipped files (${stats.skippedTotal.toLocaleString('en')})`, '',
      ...(stats.skippedTotal === 0 ? ['None.', ''] : skippedSections(stats)),
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
