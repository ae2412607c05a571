import { Command } from 'commander';
import { connect, redactDatabaseUrl } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { loadCliConfig, say } from '../support';

/** `regia migrate`: brings the database schema up to date (the server also does it at start). */
export function migrateCommand(): Command {
  return new Command('migrate')
    .summary('Apply pending database migrations')
    .description(
      'Apply pending database migrations to the database of REGIA_DATA_DIR or DATABASE_URL. ' +
        '`regia serve` does the same at start; run this first to upgrade separately from the restart.',
    )
    .action(async () => {
      const { databaseUrl } = loadCliConfig();
      const storage = connect(databaseUrl);
      try {
        const applied = await migrateToLatest(storage);
        const where = redactDatabaseUrl(databaseUrl);
        say(applied.length === 0 ? `${where} is up to date.` : `Applied to ${where}: ${applied.join(', ')}.`);
      } finally {
        await storage.close();
      }
    });
}
