// Turns a commit message into an eval query the way shared/eval/README.md describes: trailers,
// issue references, URLs and checkboxes go; so does any text naming a gold path.
import path from 'node:path';

const TRAILER = /^(signed-off-by|co-authored-by|reviewed-by|acked-by|tested-by|reported-by|suggested-by|helped-by|cc|change-id|closes|fixes|resolves|refs|see-also)\s*:/i;
const CHECKBOX = /^\s*[-*]\s*\[[ xX]\]/;
// Stems too common to be a leak signal (the README's examples plus usual module names).
const GENERIC_STEMS = new Set(['index', 'utils', 'util', 'core', 'types', 'type', 'config', 'main', 'lib', 'mod', 'parser', 'init', 'common', 'helpers', 'base', 'constants', '__init__']);

export interface CleanedMessage {
  subject: string;
  query: string;
  stripped: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Verbatim gold paths, their trailing partial paths and file names, longest first. */
function leakingPathForms(goldPaths: string[]): string[] {
  const forms = new Set<string>();
  for (const p of goldPaths) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) forms.add(parts.slice(i).join('/'));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Directory names and file stems of the gold paths: what a `type(scope):` label may leak. */
function pathComponents(goldPaths: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of goldPaths) {
    const parts = p.split('/');
    for (const d of parts.slice(0, -1)) out.add(d.toLowerCase());
    out.add(path.posix.basename(p, path.posix.extname(p)).toLowerCase());
  }
  return out;
}

export function cleanCommitMessage(message: string, goldPaths: string[], maxChars = 3200): CleanedMessage {
  const stripped: string[] = [];
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const subjectRaw = lines[0].trim();
  let body = lines.slice(1).filter((l) => !TRAILER.test(l.trim()) && !CHECKBOX.test(l)).join('\n');
  let subject = subjectRaw;

  // A leading `type(scope):` label whose scope names a gold path component becomes `Type:`.
  const label = /^(\w+)\(([^)]*)\)(!?):\s*/.exec(subject);
  if (label) {
    const comps = pathComponents(goldPaths);
    const scopes = label[2].split(/[,\s/]+/).filter(Boolean);
    if (scopes.some((s) => comps.has(s.toLowerCase()))) {
      stripped.push(label[0].trim());
      const type = label[1].charAt(0).toUpperCase() + label[1].slice(1);
      subject = `${type}${label[3]}: ${subject.slice(label[0].length)}`;
    }
  }

  const scrub = (text: string): string => {
    let t = text
      .replace(/\[([^\]]*)\]\((?:https?:)?\/\/[^)\s]*\)/g, '$1') // markdown links keep their text
      .replace(/<https?:\/\/[^>\s]*>/g, '')
      .replace(/https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/g, '')
      .replace(/\b(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|see)\s+(?:[\w.-]+\/[\w.-]+)?#\d+/gi, '')
      .replace(/\(\s*(?:[\w.-]+\/[\w.-]+)?#\d+\s*\)/g, '')
      .replace(/(^|[^\w&])(?:[\w.-]+\/[\w.-]+)?#\d+\b/g, '$1')
      .replace(/\bgh-\d+\b/gi, '');
    for (const form of leakingPathForms(goldPaths)) {
      const re = new RegExp(`(^|[^\\w/.-])${escapeRegExp(form)}(?![\\w/-]|\\.\\w)`, 'g');
      t = t.replace(re, (_m, pre: string) => {
        stripped.push(form);
        return pre;
      });
    }
    return t;
  };
  subject = tidy(scrub(subject)).replace(/\s+/g, ' ');
  body = tidy(scrub(body));
  let query = body ? `${subject}\n\n${body}` : subject;
  if (query.length > maxChars) query = query.slice(0, maxChars).trimEnd();
  return { subject: subjectRaw, query, stripped: [...new Set(stripped)] };
}

/** Removes what scrubbing leaves behind: empty brackets and quotes, doubled spaces, blank runs. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]|``|''|""/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').replace(/ ([,.;:])/g, '$1').replace(/^\s*[,;:]\s*/, '').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Gold file stems (no extension) the query names as whole words, case-insensitively. */
export function mentionedGoldStems(query: string, goldPaths: string[]): string[] {
  const stems = new Set(goldPaths.map((p) => path.posix.basename(p, path.posix.extname(p))));
  return [...stems].filter((s) => s.length >= 4 && !GENERIC_STEMS.has(s.toLowerCase()) && new RegExp(`(^|[^\\w])${escapeRegExp(s)}([^\\w]|$)`, 'i').test(query)).sort();
}

const NOT_BEHAVIOUR = /^(?:\w+\([^)]*\)!?:\s*)?(bump|typo|format|formatting|lint|release|version|deps?|dependencies|revert|merge|refactor|chore|ci|docs?|test|tests|rename|move|generated|style|build|wip|prettier|update changelog)\b/i;
const NOT_BEHAVIOUR_TYPE = /^(chore|ci|docs?|test|tests|refactor|style|build|release|revert|deps)(\([^)]*\))?!?:/i;
const BEHAVIOUR = /\b(fix\w*|crash\w*|support\w*|allow\w*|handl\w*|avoid\w*|prevent\w*|correct\w*|ensur\w*|respect\w*|bug\w*|error\w*|fail\w*|broken|wrong\w*|missing|regression\w*|preserv\w*|honou?r\w*|restor\w*|ignor\w*|skip\w*|incorrect\w*|invalid\w*|properly|instead|no longer|should)\b/i;

/** The README's subject filter: a behaviour change, not housekeeping, with at least 5 words left. */
export function readsAsBehaviourChange(subject: string, query: string): boolean {
  if (NOT_BEHAVIOUR.test(subject) || NOT_BEHAVIOUR_TYPE.test(subject)) return false;
  if (!BEHAVIOUR.test(query)) return false;
  return (query.match(/[A-Za-z][\w'-]*/g) ?? []).length >= 5;
}
