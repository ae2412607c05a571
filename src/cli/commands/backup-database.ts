import fs from 'node:fs';
import { Command } from 'commander';
import { connect } from '../../server/db/connect';
import { backupSqlite, postgresBackupAdvice, sqliteFileOf } from '../backup';
import { CliError, loadCliConfig, say } from '../support';

/** `regia backup FILE`: a consistent copy of the SQLite database, safe while the server runs. */
export function backupCommand(): Command {
  return new Command('backup')
    .summary('Back up the SQLite database (online backup API)')
    .description(
      "Back up the SQLite database to FILE with SQLite's online backup API: consistent even while the server runs. " +
        "On PostgreSQL, use pg_dump/pg_restore or your provider's snapshots (this command exits 1).",
    )
    .argument('<file>', 'where to write the backup')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadCliConfig();
      const databaseFile = sqliteFileOf(config.databaseUrl);
      if (!databaseFile) throw new CliError(postgresBackupAdvice);
      if (!fs.existsSync(databaseFile))
        throw new CliError(`No database at ${databaseFile} (check REGIA_DATA_DIR or DATABASE_URL)`);
      const storage = connect(config.databaseUrl);
      try {
        const { pages } = await backupSqlite(storage, file, options);
        say(`Backed up ${databaseFile} to ${file} (${pages} pages).`);
      } finally {
        await storage.close();
      }
    });
}
