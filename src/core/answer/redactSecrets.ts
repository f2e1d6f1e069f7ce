// Replaces secrets in text with [REDACTED] before a prompt leaves the machine; line count is kept.

export const REDACTED = '[REDACTED]';

interface SecretRule {
  kind: string;
  pattern: RegExp;
  /** Replacement for one match; defaults to REDACTED for the whole match. */
  replace?: (match: string, ...groups: string[]) => string;
}

// Token shapes follow the providers' published formats (as collected by gitleaks' and
// detect-secrets' rule sets); lengths are lower bounds so that short look-alikes in code (e.g.
// 'sk-' prefixes in CSS classes) are left alone.
const SECRET_KEY_WORDS = 'password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|private[_-]?key|client[_-]?secret|token|credentials?';
// A key naming a secret: the word last, or followed by a separator (db_password, secret_key), so
// that maxTokens or passwordHash are not taken for one.
const SECRET_KEY = `[\\w.-]*(?:${SECRET_KEY_WORDS})(?:[_.-][\\w.-]*)?`;

const RULES: SecretRule[] = [
  {
    kind: 'private-key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g,
    replace: (m) => m.split('\n').map(() => REDACTED).join('\n'),
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'openai-key', pattern: /\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'pypi-token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}/g },
  {
    kind: 'azure-account-key',
    pattern: /\b(AccountKey|SharedAccessKey|SharedAccessSignature|sig)=([^;\s'"&]{8,})/g,
    replace: (_m, name) => `${name}=${REDACTED}`,
  },
  {
    kind: 'bearer-token',
    pattern: /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]{16,})/g,
    replace: (_m, scheme, space) => `${scheme}${space}${REDACTED}`,
  },
  {
    // A password may hold '@': the last '@' before the host ends it.
    kind: 'connection-string-password',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]+):([^\s'"/]+)@(?=[^\s@'"/]+)/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`,
  },
  {
    // password = "...", apiKey: '...', "client_secret": "..."
    kind: 'secret-assignment',
    pattern: new RegExp(`\\b(${SECRET_KEY}["']?\\s*[:=]\\s*)(["'\`])([^"'\`\\n]{4,})\\2`, 'gi'),
    replace: (_m, lead, quote) => `${lead}${quote}${REDACTED}${quote}`,
  },
  {
    // Unquoted values in .env, INI, YAML and properties files, any case: DB_PASSWORD=hunter22,
    // aws_secret_access_key = ..., password: p@ss. Shell expansions ($VAR, $(cmd)) are left alone.
    kind: 'env-secret',
    pattern: new RegExp(`^(\\s*(?:(?:\\/\\/|#|-)\\s*)?(?:export\\s+)?${SECRET_KEY}\\s*[:=]\\s*)(?![$'"\`\\[{(]|${REDACTED.replace(/[[\]]/g, '\\$&')})([^\\s'"\`]{4,})[ \\t]*$`, 'gim'),
    replace: (_m, lead) => `${lead}${REDACTED}`,
  },
];

export interface RedactionResult {
  text: string;
  /** Number of secrets replaced. */
  count: number;
  /** Kinds of secrets found, e.g. ['github-token']. */
  kinds: string[];
}

export function redactSecrets(text: string): RedactionResult {
  let out = text;
  let count = 0;
  const kinds = new Set<string>();
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      if (match.includes(REDACTED) && rule.kind !== 'private-key') return match;
      count++;
      kinds.add(rule.kind);
      const groups = rest.filter((g): g is string => typeof g === 'string');
      return rule.replace ? rule.replace(match, ...groups) : REDACTED;
    });
  }
  return { text: out, count, kinds: [...kinds] };
}
