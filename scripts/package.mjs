// Builds a platform-specific .vsix holding only what runs on that platform: production bundles,
// tree-sitter grammars, media, and production dependencies pruned of other platforms' binaries.
// Targets other than linux-x64 are listed for completeness; this machine's npm registry carries
// LanceDB 0.39's native package for linux-x64 only, so only that one is built and tested here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const target = process.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length) ?? 'linux-x64';
const ORT_PLATFORM = { 'linux-x64': 'linux/x64', 'linux-arm64': 'linux/arm64', 'darwin-arm64': 'darwin/arm64', 'win32-x64': 'win32/x64', 'win32-arm64': 'win32/arm64' };
if (!ORT_PLATFORM[target]) throw new Error(`unknown target ${target}; known: ${Object.keys(ORT_PLATFORM).join(', ')}`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['scripts/build.mjs', '--production']);

// Other platforms' native binaries and files no Node code path loads are left out:
// transformers.js bundles the onnxruntime-web parts it uses into its Node builds (checked: neither
// transformers.node.cjs nor .mjs resolves onnxruntime-web), and ships sources, types, browser builds.
const ortKeep = ORT_PLATFORM[target];
const excludes = [
  ...Object.values(ORT_PLATFORM).filter((p) => p !== ortKeep).map((p) => `node_modules/onnxruntime-node/bin/napi-v6/${p}/**`),
  'node_modules/onnxruntime-web/**',
  'node_modules/@huggingface/transformers/{src,types}/**',
  'node_modules/@huggingface/transformers/dist/!(transformers.node.mjs|transformers.node.cjs)',
];
// Only what the bundles load at run time ships: esbuild inlines every other dependency (openai,
// markdown-it, commander, ...), so the packaged node_modules is the closure of the bundles'
// externals. LanceDB's and sharp's platform packages are optional dependencies and npm installs
// only this machine's, so the closure holds just the host platform's binaries. LanceDB's optional
// embedding integrations (its own nested transformers 3 and openai 4) are never loaded: skipped.
const RUNTIME_ROOTS = ['@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'web-tree-sitter'];
const unusedExtras = path.join(root, 'node_modules', '@lancedb', 'lancedb', 'node_modules');

/** Node's lookup of `name` from `fromDir` upwards; undefined when not installed. */
function packageDir(name, fromDir) {
  for (let d = fromDir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (d === root || d === path.dirname(d)) return undefined;
  }
}

function runtimeClosure() {
  const seen = new Set();
  const visit = (name, fromDir, optional) => {
    const dir = packageDir(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`runtime dependency ${name} (needed from ${fromDir}) is not installed: run npm ci`);
    }
    if (seen.has(dir) || dir.startsWith(unusedExtras + path.sep)) return;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of RUNTIME_ROOTS) visit(name, root, false);
  return [...seen];
}

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ask-codebase-vsix-'));
const closure = runtimeClosure();
for (const dir of closure) {
  fs.cpSync(dir, path.join(stage, path.relative(root, dir)), { recursive: true, dereference: true, filter: (src) => !src.slice(dir.length).includes(`${path.sep}node_modules${path.sep}`) });
}
// vsce checks the staged tree with `npm list --production`: drop the skipped extras from the staged
// copy of LanceDB's manifest so that check passes.
const lancedbManifest = path.join(stage, 'node_modules', '@lancedb', 'lancedb', 'package.json');
const lancedb = JSON.parse(fs.readFileSync(lancedbManifest, 'utf8'));
for (const extra of ['@huggingface/transformers', 'openai']) delete lancedb.optionalDependencies?.[extra];
fs.writeFileSync(lancedbManifest, JSON.stringify(lancedb, null, 2));
console.log(`staged ${closure.length} runtime packages (the closure of ${RUNTIME_ROOTS.join(', ')})`);
for (const item of ['dist', 'media', 'CHANGELOG.md', 'LICENSE']) fs.cpSync(path.join(root, item), path.join(stage, item), { recursive: true });
// The README's screenshots live in docs/, which is not shipped; vsce refuses relative images
// without a repository URL, so the packaged README leaves them out.
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').filter((l) => !/^!\[[^\]]*\]\((?!https?:)/.test(l)).join('\n');
fs.writeFileSync(path.join(stage, 'README.md'), readme);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
delete manifest.devDependencies;
delete manifest.scripts;
// The packaged manifest names only what ships in node_modules; the rest is inlined in dist/.
manifest.dependencies = Object.fromEntries(RUNTIME_ROOTS.map((name) => [name, manifest.dependencies[name]]));
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
const ignoreFile = path.join(stage, '.vscodeignore');
fs.writeFileSync(ignoreFile, fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8') + '\n' + excludes.join('\n') + '\n');

const out = path.join(root, `ask-codebase-${target}-${manifest.version}.vsix`);
const vsce = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--target', target, '--out', out, '--allow-missing-repository', '--skip-license'], { cwd: stage, stdio: 'inherit' });
fs.rmSync(stage, { recursive: true, force: true });
if (vsce.status !== 0) process.exit(vsce.status ?? 1);

const size = fs.statSync(out).size;
console.log(`\n${path.basename(out)}: ${(size / 1024 / 1024).toFixed(1)} MB`);
const list = spawnSync('unzip', ['-l', out], { encoding: 'utf8' });
if (list.status === 0) {
  const rows = list.stdout.split('\n').map((l) => /^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(l)).filter(Boolean).map((m) => [Number(m[1]), m[2]]);
  rows.sort((a, b) => b[0] - a[0]);
  console.log('largest entries:');
  for (const [bytes, name] of rows.slice(0, 8)) console.log(`  ${(bytes / 1024 / 1024).toFixed(1).padStart(7)} MB  ${name}`);
}
fs.writeFileSync(path.join(root, 'dist', 'vsix-path.txt'), out);
