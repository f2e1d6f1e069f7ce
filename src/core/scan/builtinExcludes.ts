// What a code index never wants by default: VCS data, dependencies, build output, lock files
// and media. A `!pattern` in .askcodebaseignore can bring any of these back except VCS folders.

/** Version-control folders: never useful and never re-included. */
export const vcsFolders = new Set(['.git', '.hg', '.svn', '.bzr', '_darcs']);

const excludedFolders = new Set([
  'node_modules', 'bower_components', 'jspm_packages',
  'dist', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache',
  'coverage', '.nyc_output', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.gradle', '.terraform', '.ask-codebase', '.vscode-test',
]);

// Common folder names that are build output only in a project that builds into them: the Linux
// tree has source in drivers/target/ and tools/build/. Gated on a manifest beside the folder.
const buildOutputFolders = new Set(['build', 'out', 'target']);
const projectManifests = new Set([
  'package.json', 'tsconfig.json', 'cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle',
  'settings.gradle.kts', 'cmakelists.txt', 'setup.py', 'pyproject.toml', 'go.mod', 'build.sbt', 'meson.build', 'project.clj',
]);

const lockFiles = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'cargo.lock',
  'poetry.lock', 'pipfile.lock', 'uv.lock', 'go.sum', 'composer.lock', 'gemfile.lock', 'podfile.lock',
  'packages.lock.json', 'flake.lock', 'mix.lock', 'pubspec.lock',
]);

const mediaExtensions: Record<string, string> = {};
function kind(label: string, exts: string): void {
  for (const e of exts.split(' ')) mediaExtensions[e] = label;
}
kind('image', 'png jpg jpeg gif bmp ico icns webp tif tiff psd svg avif heic xcf ai eps');
kind('audio', 'mp3 wav ogg flac aac m4a opus wma mid midi');
kind('video', 'mp4 mov avi mkv webm wmv flv m4v mpg mpeg');
kind('font', 'ttf otf woff woff2 eot');
kind('archive', 'zip tar gz tgz bz2 xz zst 7z rar jar war ear apk deb rpm dmg iso whl nupkg vsix crx');
kind('office document', 'pdf docx xls xlsx ppt pptx odt ods odp rtf numbers pages');
kind('compiled binary', 'exe dll so dylib bin o a obj class pyc pyo pyd wasm node elc beam dex');
kind('data blob', 'sqlite sqlite3 db mdb parquet arrow lance npy npz pkl pickle h5 onnx pt pth safetensors gguf');

/**
 * Why a folder (base name) is excluded by default, or undefined. `siblingNames` are the
 * lowercased names in its parent folder, consulted for build, out and target.
 */
export function excludedFolderReason(baseName: string, siblingNames: ReadonlySet<string>): string | undefined {
  if (vcsFolders.has(baseName)) return 'version-control folder';
  if (excludedFolders.has(baseName)) return 'dependency or build-output folder';
  if (buildOutputFolders.has(baseName) && [...projectManifests].some((m) => siblingNames.has(m))) {
    return 'build-output folder beside a project manifest';
  }
  return undefined;
}

/** Why a file (base name) is excluded by default, or undefined. */
export function excludedFileReason(baseName: string): string | undefined {
  const name = baseName.toLowerCase();
  if (lockFiles.has(name)) return 'lock file';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const label = mediaExtensions[name.slice(dot + 1)];
  return label ? `${label} (.${name.slice(dot + 1)})` : undefined;
}

/** `.min.js`-style names: minified by convention, known without reading the file. */
export function isMinifiedName(baseName: string): boolean {
  return /\.min\.(js|mjs|cjs|css)$/i.test(baseName);
}
