// The description a doc comment gives of the declaration below it (or, in Python, inside it):
// JSDoc/Javadoc blocks, `//` `///` `#` runs and docstrings; tags and markup dropped.
const MIN_WORDS = 6;
const MAX_WORDS = 60;

export function docDescription(text: string, symbol: string): string | undefined {
  const raw = leadingComment(text) ?? docstring(text);
  if (!raw) return undefined;
  const prose = raw
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // Stop at the first tag or section (`@param`, `:param`, `Args:`, `Returns:`, code fences).
  const end = prose.findIndex((l) => /^(@\w|:\w+|(args|arguments|returns?|raises|parameters|example[s]?|note)\s*:|```|-{3,})/i.test(l));
  const sentences = (end < 0 ? prose : prose.slice(0, end))
    .join(' ')
    .replace(/\{@\w+\s+([^}]*)\}/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .match(/[^.!?]+[.!?]?/g);
  if (!sentences) return undefined;
  const description = sentences.slice(0, 2).join('').trim();
  const words = description.match(/[A-Za-z][\w'-]*/g) ?? [];
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return undefined;
  // A description naming its function finds itself by name, not by meaning.
  if (symbol && new RegExp(`(^|[^\\w])${symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`, 'i').test(description)) return undefined;
  return description;
}

function leadingComment(text: string): string | undefined {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const first = lines[i]?.trim() ?? '';
  if (first.startsWith('/*')) {
    const out: string[] = [];
    for (; i < lines.length; i++) {
      const line = lines[i].trim();
      const closed = line.includes('*/');
      out.push(line.replace(/^\/\*+!?/, '').replace(/\*+\/.*$/, '').replace(/^\*+ ?/, ''));
      if (closed) return out.join('\n');
    }
    return undefined;
  }
  const marker = /^(\/\/\/?|#(?!!|\[))\s?/.exec(first);
  if (!marker) return undefined;
  const out: string[] = [];
  for (; i < lines.length && lines[i].trim().startsWith(marker[1]); i++) out.push(lines[i].trim().slice(marker[1].length));
  return out.join('\n');
}

/** A Python docstring: the first statement after the `def`/`class` line, when it is a string. */
function docstring(text: string): string | undefined {
  const lines = text.split('\n');
  const def = lines.findIndex((l) => /^\s*(async\s+def|def|class)\s/.test(l));
  if (def < 0) return undefined;
  let i = def;
  while (i < lines.length && !/:\s*(#.*)?$/.test(lines[i])) i++;
  const body = lines.slice(i + 1, i + 40).join('\n').trimStart();
  const m = /^[rRuU]?("""|''')([\s\S]*?)\1/.exec(body);
  return m?.[2];
}
