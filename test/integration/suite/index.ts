// Runs the integration suite inside the extension host (loaded as `extensionTestsPath`). Writes a
// report file because the extension host's console does not reach the runner.
import fs from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  const lines: string[] = [];
  const reportFile = process.env.ASK_CODEBASE_TEST_REPORT;
  const write = () => reportFile && fs.writeFileSync(reportFile, lines.join('\n') + '\n');
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Test modules register their suites when evaluated, so they load after the globals exist.
  await import('./activation.test.js');
  await import('./chatView.test.js');
  await import('./engine.test.js');
  await import('./workspaceIndex.test.js');
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('pass', (t) => lines.push(`ok - ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err: Error) => lines.push(`not ok - ${t.fullTitle()}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`));
    runner.on('end', () => {
      const passed = runner.stats?.passes ?? 0;
      const failed = runner.stats?.failures ?? 0;
      lines.push(`${passed} passed, ${failed} failed`);
      write();
    });
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
