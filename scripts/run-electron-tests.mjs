// The same integration suite under desktop VS Code via @vscode/test-electron, for machines that can
// download VS Code (a developer laptop). Not used in CI here: Microsoft's servers are unreachable.
import { bundleSuite } from './lib/bundleSuite.mjs';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { testModelDir } from './lib/cache.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'out', 'test', 'electron');
await bundleSuite('test/integration/suite/index.ts', outDir);
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'acb-ws-'));
fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const report = path.join(os.tmpdir(), `acb-electron-report-${process.pid}.txt`);
process.env.ASK_CODEBASE_TEST_REPORT = report;
process.env.ASK_CODEBASE_TEST_MODEL_DIR = testModelDir;

const { runTests } = await import('@vscode/test-electron');
try {
  await runTests({ extensionDevelopmentPath: root, extensionTestsPath: path.join(outDir, 'index.cjs'), launchArgs: [workspace, '--disable-extensions'] });
} catch (err) {
  console.error(`@vscode/test-electron could not run the suite: ${err instanceof Error ? err.message : err}`);
  console.error('It downloads desktop VS Code from Microsoft; on a machine without that access use `npm run test:integration` (code-server).');
  if (fs.existsSync(report)) process.stdout.write(fs.readFileSync(report, 'utf8'));
  process.exit(1);
}
process.stdout.write(fs.readFileSync(report, 'utf8'));
