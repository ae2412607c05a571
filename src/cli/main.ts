import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { describeError } from './support';

// The entry point of `regia` (bundled to dist/regia.js; `npm run regia --` runs it from sources).
const program = buildProgram().exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed the help, the version or the usage error.
    process.exitCode = error.exitCode;
  } else {
    const { lines, exitCode } = describeError(error);
    process.stderr.write(`regia: ${lines.join('\n')}\n`);
    process.exitCode = exitCode;
  }
}
