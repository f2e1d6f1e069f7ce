// Realistic fake secrets, generated at test time (random values in each provider's published
// shape), so the repository holds no string a secret scanner would flag. Each secret comes with
// the line of config or code that carries it.
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = ALNUM + '+/';
const URLSAFE = ALNUM + '_-';

function random(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}
const j = (...parts: string[]) => parts.join('');

export interface FakeSecret {
  kind: string;
  /** The secret value itself: it must not appear in a remote request. */
  value: string;
  /** A line carrying it, as a config or source file would. */
  line: string;
}

type Maker = () => FakeSecret;

const makers: Maker[] = [
  () => { const v = j('sk', '-proj-', random(URLSAFE, 48)); return { kind: 'openai', value: v, line: `OPENAI = "${v}"` }; },
  () => { const v = j('gh', 'p_', random(ALNUM, 36)); return { kind: 'github', value: v, line: `token = '${v}'` }; },
  () => { const v = j('github', '_pat_', random(ALNUM, 22), '_', random(ALNUM, 59)); return { kind: 'github-pat', value: v, line: `gh_auth: ${v}` }; },
  () => { const v = j('gl', 'pat-', random(URLSAFE, 20)); return { kind: 'gitlab', value: v, line: `GITLAB=${v}` }; },
  () => { const v = j('AK', 'IA', random(UPPER_DIGITS, 16)); return { kind: 'aws-id', value: v, line: `aws_access_key_id = ${v}` }; },
  () => { const v = random(B64, 40); return { kind: 'aws-secret', value: v, line: `aws_secret_access_key = ${v}` }; },
  () => { const v = j('xo', 'xb-', random('0123456789', 12), '-', random(ALNUM, 24)); return { kind: 'slack', value: v, line: `slack: "${v}"` }; },
  () => { const v = j('sk', '_live_', random(ALNUM, 24)); return { kind: 'stripe', value: v, line: `stripe.key = ${v}` }; },
  () => { const v = j('AI', 'za', random(URLSAFE, 35)); return { kind: 'google', value: v, line: `const mapsKey = "${v}";` }; },
  () => { const v = j('S', 'G.', random(URLSAFE, 22), '.', random(URLSAFE, 43)); return { kind: 'sendgrid', value: v, line: `SENDGRID_API_KEY=${v}` }; },
  () => { const v = j('np', 'm_', random(ALNUM, 36)); return { kind: 'npm', value: v, line: `//registry.npmjs.org/:_authToken=${v}` }; },
  () => { const v = j('h', 'f_', random(ALNUM, 34)); return { kind: 'huggingface', value: v, line: `HF_TOKEN: ${v}` }; },
  () => { const v = j('ey', 'J', random(URLSAFE, 20), '.', 'ey', 'J', random(URLSAFE, 30), '.', random(URLSAFE, 40)); return { kind: 'jwt', value: v, line: `const session = '${v}';` }; },
  () => { const v = random(URLSAFE + '.', 40); return { kind: 'bearer', value: v, line: `headers: { Authorization: 'Bearer ${v}' },` }; },
  () => { const v = random(B64, 86) + '=='; return { kind: 'azure', value: v, line: `"storage": "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${v};EndpointSuffix=core.windows.net"` }; },
  () => { const v = random(ALNUM, 18); return { kind: 'yaml-password', value: v, line: `  password: ${v}` }; },
  () => { const v = `${random(ALNUM, 6)}@${random(ALNUM, 8)}`; return { kind: 'lowercase-env-password', value: v, line: `db_password=${v}` }; },
  () => { const v = random(ALNUM, 28); return { kind: 'env-token', value: v, line: `export API_TOKEN=${v}` }; },
  () => { const v = `${random(ALNUM, 5)}@${random(ALNUM, 7)}`; return { kind: 'url-password-with-at', value: v, line: `url: postgres://admin:${v}@db.internal:5432/app` }; },
  () => { const v = random(ALNUM, 32); return { kind: 'json-client-secret', value: v, line: `  "client_secret": "${v}",` }; },
  () => { const v = random(ALNUM, 24); return { kind: 'quoted-secret-key', value: v, line: `secret_key: "${v}"` }; },
  () => {
    const body = random(B64, 64);
    const v = [j('-----BEGIN ', 'PRIVATE', ' KEY-----'), body, random(B64, 64), j('-----END ', 'PRIVATE', ' KEY-----')].join('\n');
    return { kind: 'private-key', value: body, line: v };
  },
];

/** `perKind` fresh secrets of every kind (22 kinds). */
export function fakeSecrets(perKind: number): FakeSecret[] {
  const out: FakeSecret[] = [];
  for (let i = 0; i < perKind; i++) for (const make of makers) out.push(make());
  return out;
}

/** Files that hold credentials under names other than .env (issue 13 lists each of these). */
export function secretFiles(): Record<string, string> {
  const pem = [j('-----BEGIN ', 'RSA PRIVATE', ' KEY-----'), random(B64, 64), j('-----END ', 'RSA PRIVATE', ' KEY-----')].join('\n');
  const marker = (name: string) => `SECRETFILE_${name}_${random(UPPER_DIGITS, 8)}`;
  return {
    'deploy/prod.env': `DATABASE_URL=x\n# ${marker('PRODENV')}\n`,
    'deploy/staging.env.local': `KEY=${marker('STAGINGENV')}\n`,
    '.docker/config.json': `{"auths":{"registry.example":{"auth":"${marker('DOCKER')}"}}}\n`,
    '.kube/config': `apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: ${marker('KUBECONFIG')}\n`,
    'ops/cluster.kubeconfig': `apiVersion: v1\n# ${marker('KUBECONFIG2')}\n`,
    'infra/terraform.tfstate': `{"resources":[{"password":"${marker('TFSTATE')}"}]}\n`,
    'infra/terraform.tfstate.backup': `{"resources":[{"password":"${marker('TFSTATEBAK')}"}]}\n`,
    'infra/prod.tfvars': `db_password = "${marker('TFVARS')}"\n`,
    'keys/build-bot.json': `{\n  "type": "service_account",\n  "project_id": "${marker('SERVICEACCOUNT')}",\n  "private_key": "${j('-----BEGIN ', 'PRIVATE', ' KEY-----')}\\n${random(B64, 40)}\\n${j('-----END ', 'PRIVATE', ' KEY-----')}\\n"\n}\n`,
    'docs/setup-notes.md': `# Setup\n${marker('KEYINDOC')}\n\n${pem}\n`,
    'certs/server.pem.bak': `${marker('PEMBAK')}\n${pem}\n`,
    'certs/tls.key.old': `${marker('KEYOLD')}\n`,
  };
}
