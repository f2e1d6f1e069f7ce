// `npm start [folder]`: builds everything, provisions the runtime and opens VS Code with the
// extension loaded on a workspace (default: this repository). Desktop `code` when it is on PATH;
// otherwise code-server on 127.0.0.1 (the URL is printed). Runs until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './lib/codeServer.mjs';
import { provisionCodeServer } from './provision.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspace = path.resolve(process.argv[2] ?? root);
if (!fs.existsSync(workspace)) {
  console.error(`No such folder: ${workspace}`);
  process.exit(2);
}

const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);

const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
if (code.status === 0 && !process.env.ASK_CODEBASE_USE_CODE_SERVER) {
  console.log(`Opening desktop VS Code ${code.stdout.split('\n')[0]} on ${workspace} with the extension loaded.`);
  spawn('code', ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 0));
} else {
  provisionCodeServer();
  const port = Number(process.env.PORT) || 8765;
  const server = await startCodeServer({ port });
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`], ['skipWelcome', 'true']]);
  const url = `${server.url}/?${new URLSearchParams({ folder: workspace, payload })}`;
  console.log(`\nAsk Codebase is running in code-server (VS Code in the browser) on ${workspace}:\n\n  ${url}\n\nOpen that URL in a browser on this machine. Press Ctrl-C to stop.`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
