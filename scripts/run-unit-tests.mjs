// Runs every test/unit/**/*.test.ts and test/reliability/**/*.test.ts (scenarios against the
// real CLI and store) with Node's own test runner (TypeScript through tsx).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useScratchTmpdir } from './lib/scratchTmpdir.mjs';

function find(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? find(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const prep = spawnSync(process.execPath, ['scripts/build-test-model.mjs'], { stdio: 'inherit' });
if (prep.status !== 0) process.exit(prep.status ?? 1);

const filter = process.argv.slice(2);
const files = [...find('test/unit'), ...find('test/reliability')].filter((f) => filter.length === 0 || filter.some((s) => f.includes(s))).sort();
if (files.length === 0) { console.error('no unit tests found'); process.exit(1); }
useScratchTmpdir('acb-unit-');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit', env: { ...process.env, LANCEDB_LOG: 'error' },
});
process.exit(r.status ?? 1);
