// The `ask-codebase` commands (index, status, search, ask, eval, tune); main.ts starts them.
import { Command, CommanderError } from 'commander';
import { AskCodebaseError } from '../core/types.js';
import { registerIndexCommand } from './indexCommand.js';
import { registerStatusCommand } from './statusCommand.js';
import { registerEvalCommand } from './evalCommand.js';
import { registerSearchCommand } from './searchCommand.js';
import { registerAskCommand } from './askCommand.js';
import { registerMcpCommand } from './mcpCommand.js';
import { registerTuneCommand } from './tuneCommand.js';
import { damagedIndexMessage } from './damagedIndex.js';

const program = new Command('ask-codebase')
  .description('Index a codebase locally and ask questions about it, with file:line citations.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerIndexCommand(program);
registerStatusCommand(program);
registerSearchCommand(program);
registerAskCommand(program);
registerEvalCommand(program);
registerMcpCommand(program, '0.1.0');
registerTuneCommand(program);

export function run(): void {
  // A reader that stops early (`| head -1`) closes the pipe: that is the reader's choice, not a failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  program.parseAsync(process.argv).catch((err: unknown) => {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof AskCodebaseError) {
      process.stderr.write(`ask-codebase: ${err.message}\n`);
      process.exit(2);
    }
    const damaged = damagedIndexMessage(err);
    if (damaged) {
      process.stderr.write(`ask-codebase: ${damaged}\n`);
      process.exit(3);
    }
    process.stderr.write(`ask-codebase: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
