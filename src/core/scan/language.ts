// Maps a workspace path to the language id the chunker dispatches on ('text' for anything else).
import path from 'node:path';

const byExtension: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  py: 'python', pyi: 'python', pyw: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', cxx: 'cpp', 'c++': 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp', 'h++': 'cpp', ipp: 'cpp', tpp: 'cpp', ino: 'cpp',
  cs: 'csharp', csx: 'csharp',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby', ru: 'ruby',
  php: 'php', phtml: 'php',
  kt: 'kotlin', kts: 'kotlin',
  swift: 'swift',
  sh: 'bash', bash: 'bash', zsh: 'bash', ksh: 'bash',
  md: 'markdown', mdx: 'markdown', markdown: 'markdown',
  json: 'json', jsonc: 'json',
  yml: 'yaml', yaml: 'yaml',
  toml: 'toml',
};

// Names that carry their language without an extension (compared lowercased).
const byName: Record<string, string> = {
  rakefile: 'ruby', gemfile: 'ruby', podfile: 'ruby', vagrantfile: 'ruby', brewfile: 'ruby',
  guardfile: 'ruby', capfile: 'ruby', fastfile: 'ruby', appfile: 'ruby', dangerfile: 'ruby',
  '.bashrc': 'bash', '.bash_profile': 'bash', '.bash_aliases': 'bash', '.profile': 'bash',
  '.zshrc': 'bash', '.zprofile': 'bash', '.zshenv': 'bash', pkgbuild: 'bash', apkbuild: 'bash',
  '.babelrc': 'json', '.eslintrc': 'json', '.prettierrc': 'json', '.swcrc': 'json', '.jshintrc': 'json',
  'tsconfig.json': 'json', 'jsconfig.json': 'json',
  pipfile: 'toml', '.clang-format': 'yaml', '.clang-tidy': 'yaml',
  // Dockerfile, Makefile, Jenkinsfile, CMakeLists.txt, LICENSE, README... fall through to 'text'.
};

/**
 * Language id for a path relative to its root. `.h` headers are C unless the caller saw C++
 * sources in the same folder (the scanner has the listing at hand, so the check is free).
 */
export function languageForPath(relPath: string, folderHasCpp = false): string {
  const base = path.posix.basename(relPath.replaceAll('\\', '/')).toLowerCase();
  const named = byName[base];
  if (named) return named;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'text';
  const ext = base.slice(dot + 1);
  if (ext === 'h' && folderHasCpp) return 'cpp';
  return byExtension[ext] ?? 'text';
}

/** True when a folder listing holds C++ sources, which makes its `.h` headers C++. */
export function namesIncludeCpp(names: readonly string[]): boolean {
  return names.some((n) => {
    const dot = n.lastIndexOf('.');
    return dot > 0 && byExtension[n.slice(dot + 1).toLowerCase()] === 'cpp';
  });
}
