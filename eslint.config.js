import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependencies point one way (README, "Architecture"): each pattern names folders a layer may not
// import from. ESLint matches the import text, not the resolved file, so a pattern accepts any
// number of `../` and an optional `src/` or `core/`: `../index/x.js`, `../../core/index/x.js`.
const noVscode = { name: 'vscode', message: 'src/core must stay free of vscode: the CLI runs the same engine without VS Code.' };
const layerPattern = (folders, under, message) => ({
  regex: `^(\\.\\./)+${under}(${folders.join('|')})(/|$)`,
  message,
});
const outerFolders = layerPattern(['cli', 'extension', 'webview', 'mcp'], '(src/)?',
  'src/core imports nothing from cli, extension, webview or mcp: those are built on the engine, not the other way round.');
const upperCore = layerPattern(['index', 'retrieve', 'answer', 'eval', 'tune'], '(core/)?',
  'store, scan, chunk and embed sit below index, retrieve, answer and eval and import nothing from them.');
// The self-evaluation (core/tune) is its own step after a build, above the indexer and the eval
// code: the CLI and the extension call it, nothing in the engine does.
const tuneRoom = layerPattern(['tune'], '(core/)?',
  'core/tune is the self-evaluation step above the engine: only the CLI and the extension import it.');
const evaluationFromIndex = layerPattern(['eval', 'tune'], '(core/)?',
  'the indexer never imports evaluation code (eval, tune): the self-evaluation runs after a build.');
const answerFromRetrieve = layerPattern(['answer'], '(core/)?',
  'retrieve does not import answer: answering is built on retrieval, not the other way round.');
// The MCP room is plain Node over the engine: the CLI and the extension use it, not the reverse.
const mcpPlain = layerPattern(['cli', 'extension', 'webview'], '(src/)?',
  'src/mcp is plain Node over src/core: the CLI and the extension import it, it imports neither (nor vscode).');
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns }] },
});
// The chat panel's script and the messages it speaks: the browser side sees only src/shared.
const panelSide = layerPattern(['core', 'cli', 'extension', 'mcp'], '(src/)?',
  'src/webview runs in the browser and speaks to the extension only through src/shared/chatProtocol.ts.');
const sharedNeutral = layerPattern(['core', 'cli', 'extension', 'webview', 'mcp'], '(src/)?',
  'src/shared is neutral ground: both the extension (Node) and the webview (browser) import it, so it imports neither side.');

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', fetch: 'readonly', __dirname: 'readonly', __filename: 'readonly', require: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // A later block replaces an earlier block's options for the same rule, so each block repeats
  // the restrictions of the blocks before it.
  restrict(['src/core/**/*.ts'], [outerFolders, tuneRoom]),
  restrict(['src/core/tune/**/*.ts'], [outerFolders]),
  restrict(['src/core/retrieve/**/*.ts'], [outerFolders, answerFromRetrieve, tuneRoom]),
  restrict(['src/core/index/**/*.ts'], [outerFolders, evaluationFromIndex]),
  restrict(['src/core/{store,scan,chunk,embed}/**/*.ts'], [outerFolders, upperCore]),
  restrict(['src/mcp/**/*.ts'], [mcpPlain]),
  restrict(['src/webview/**/*.ts'], [panelSide]),
  restrict(['src/shared/**/*.ts'], [sharedNeutral]),
  // DOM globals exist only where the browser does (src/webview/tsconfig.json has the DOM library).
  { files: ['src/webview/**/*.ts'], languageOptions: { globals: { document: 'readonly', window: 'readonly' } } },
);
