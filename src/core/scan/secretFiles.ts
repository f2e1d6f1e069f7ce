// Files that hold credentials are never indexed, whatever the ignore files say: an index is
// searchable text that may be sent to an LLM, so a key in it is a key leaked.

// Exact names (lowercased) of credential stores.
const secretNames = new Set([
  '.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass',
  '.dockercfg', '.boto', '.s3cfg',
]);

// Key and certificate-store formats that hold private material.
const secretExtensions = new Set(['pem', 'key', 'p12', 'pfx', 'keystore', 'jks', 'ppk', 'p8']);
// Copies keep what they copy: `server.pem.bak` is a key.
const backupSuffixes = new Set(['bak', 'old', 'orig', 'backup', 'save', 'copy', 'tmp', 'swp']);
// Infrastructure state and variables: Terraform state holds every secret it created in clear text.
const stateExtensions = new Set(['tfstate', 'tfvars']);
// Files named by what they configure, where the credentials live: `.docker/config.json`, `.kube/config`.
// A Map, not an object literal: a folder named `constructor` or `toString` must not find Object's methods.
const credentialFolders = new Map([['.docker', new Set(['config.json'])], ['.kube', new Set(['config'])]]);

// Env templates are documentation: they list variable names with placeholder values.
const envTemplates = new Set(['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults']);

// `credentials.ts` or `secrets.py` are usually code that handles secrets, not secrets, so these
// stems count only without an extension or with a data-file extension.
const secretStems = new Set(['credentials', 'secrets', 'secret']);
const dataExtensions = new Set(['', 'json', 'yaml', 'yml', 'toml', 'ini', 'xml', 'txt', 'env', 'conf', 'cfg', 'properties', 'csv', 'db']);

/**
 * Why a file name looks like a secret, or undefined when it does not. Checks the base name, and
 * the parent folder's name when `relPath` ('/'-separated) is given.
 */
export function secretFileReason(baseName: string, relPath?: string): string | undefined {
  const name = baseName.toLowerCase().replace(/~$/, '');
  if (secretNames.has(name)) return 'credential store';
  if (name === '.env' || name.startsWith('.env.') || name === '.envrc') {
    return envTemplates.has(name) ? undefined : 'environment file';
  }
  // prod.env, staging.env.local, .env.production.bak
  if (/\.env(\.(local|prod|production|staging|stage|dev|development|test|testing|qa|ci|bak|old|orig|backup))?$/.test(name)) return 'environment file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return 'SSH key';
  if (name === 'kubeconfig' || name.endsWith('.kubeconfig') || name.startsWith('kubeconfig.')) return 'Kubernetes credentials (kubeconfig)';
  const parts = relPath?.toLowerCase().split('/') ?? [];
  const folder = parts.length >= 2 ? parts[parts.length - 2] : '';
  if (credentialFolders.get(folder)?.has(name)) return `credentials (${folder}/${name})`;
  const segments = name.split('.').slice(1);
  while (segments.length > 1 && backupSuffixes.has(segments[segments.length - 1])) segments.pop();
  const keyExt = segments.length > 0 ? segments[segments.length - 1] : '';
  if (secretExtensions.has(keyExt)) return `private key format (.${keyExt})`;
  if (stateExtensions.has(keyExt) || name.endsWith('.tfstate.backup')) return `infrastructure state or variables (.${keyExt || 'tfstate'})`;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  const firstDot = name.indexOf('.', 1);
  const stem = firstDot > 0 ? name.slice(0, firstDot) : name;
  if (secretStems.has(stem) && dataExtensions.has(ext)) return 'credentials file';
  return undefined;
}
