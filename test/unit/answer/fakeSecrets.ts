// Obviously fake secrets for the redaction tests, assembled at run time so the repository itself
// holds no string that a secret scanner would flag.
const j = (...parts: string[]) => parts.join('');
const run = (ch: string, n: number) => ch.repeat(n);

export const FAKE = {
  openai: j('sk', '-proj-', 'FAKEFAKEFAKE', run('0', 24)),
  github: j('gh', 'p_', 'FAKE', run('x', 32)),
  aws: j('AK', 'IA', 'FAKE', run('7', 12)),
  slack: j('xo', 'xb-', '000000000-', 'FAKEFAKEFAKE'),
  stripe: j('sk', '_live_', 'FAKE', run('0', 20)),
  jwt: j('ey', 'JhbGciOiJub25lIn0', '.', 'ey', 'JzdWIiOiJmYWtlLXVzZXIifQ', '.', 'ZmFrZS1zaWduYXR1cmU'),
  pem: [j('-----BEGIN ', 'RSA PRIVATE', ' KEY-----'), 'FAKEKEYLINEONE', 'FAKEKEYLINETWO', j('-----END ', 'RSA PRIVATE', ' KEY-----')].join('\n'),
  dbPassword: j('fake', '-db-', 'pass'),
  assigned: j('not', '-a-real-', 'password'),
  envToken: j('fake', 'envtoken', '123'),
};

/** A config file holding every fake secret, one or more per line, as real code might. */
export function secretConfigFile(): string {
  return [
    '// Service configuration (test fixture with fake secrets).',
    `export const OPENAI_KEY = '${FAKE.openai}';`,
    `export const GITHUB = "${FAKE.github}"; const AWS_ID = "${FAKE.aws}";`,
    `const slack = '${FAKE.slack}';`,
    `const stripe = '${FAKE.stripe}';`,
    `const session = '${FAKE.jwt}';`,
    `const privateKey = \`${FAKE.pem}\`;`,
    `const db = 'postgres://admin:${FAKE.dbPassword}@db.internal:5432/app';`,
    `const settings = { password: "${FAKE.assigned}", user: 'admin' };`,
    `// API_TOKEN=${FAKE.envToken}`,
    `export function connect() { return open(db); }`,
  ].join('\n');
}
