// `npm run bench`: lists the benchmarks in scripts/bench with their usage (each file's opening
// comment); `npm run bench -- <name> [args...]` runs one of them through tsx.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('bench/', import.meta.url));
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const [name, ...args] = process.argv.slice(2);

if (!name || name === '--help') {
  console.log('usage: npm run bench -- <name> [args...]\n');
  for (const n of names) {
    const opening = fs.readFileSync(path.join(dir, `${n}.ts`), 'utf8').split('\n');
    const comment = opening.slice(0, opening.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, ''));
    console.log(`${n}\n  ${comment.join('\n  ')}\n`);
  }
  process.exit(0);
}
if (!names.includes(name)) {
  console.error(`no benchmark "${name}"; there are: ${names.join(', ')}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
