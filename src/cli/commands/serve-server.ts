import { Command } from 'commander';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';

/** `regia serve`: the web application and API, until SIGTERM or Ctrl-C. */
export function serveCommand(): Command {
  return new Command('serve')
    .summary('Start the server (web client and API)')
    .description(
      'Start the Regia server: applies pending migrations, serves the web client and the API on HOST:PORT, ' +
        'and stops gracefully on SIGTERM/SIGINT. Configured by environment (PORT, HOST, REGIA_DATA_DIR, DATABASE_URL, ...).',
    )
    .action(async () => {
      await startServer(loadConfig(process.env));
    });
}
