// Files that hold credentials are never indexed, whatever the ignore files say: an index is
// searchable text that may be sent to an LLM, so a key in it is a key leaked.

// Exact names (lowercased) of credential stores.
const secretNames = new Set([
  '.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass',
  '.dockercfg', '.boto', '.s3cfg',
]);

// Key and certificate-store formats that hold private material.
const secretExtensions = new Set(['pem', 'key', 'p12', 'pfx', 'keystore', 'jks', 'ppk', 'p8']);

// Env templates are documentation: they list variable names with placeholder values.
const envTemplates = new Set(['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults']);

// `credentials.ts` or `secrets.py` are usually code that handles secrets, not secrets, so these
// stems count only without an extension or with a data-file extension.
const secretStems = new Set(['credentials', 'secrets', 'secret']);
const dataExtensions = new Set(['', 'json', 'yaml', 'yml', 'toml', 'ini', 'xml', 'txt', 'env', 'conf', 'cfg', 'properties', 'csv', 'db']);

/** Why a file name looks like a secret, or undefined when it does not. Checks the base name only. */
export function secretFileReason(baseName: string): string | undefined {
  const name = baseName.toLowerCase();
  if (secretNames.has(name)) return 'credential store';
  if (name === '.env' || name.startsWith('.env.') || name === '.envrc') {
    return envTemplates.has(name) ? undefined : 'environment file';
  }
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return 'SSH key';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  if (secretExtensions.has(ext)) return `private key format (.${ext})`;
  const firstDot = name.indexOf('.', 1);
  const stem = firstDot > 0 ? name.slice(0, firstDot) : name;
  if (secretStems.has(stem) && dataExtensions.has(ext)) return 'credentials file';
  return undefined;
}
