import { Command } from 'commander';
import { postgresBackupAdvice, restoreSqlite, sqliteFileOf } from '../backup';
import { CliError, loadCliConfig, say } from '../support';

/** `regia restore FILE`: puts a backup in place of the SQLite database, after checking it. */
export function restoreCommand(): Command {
  return new Command('restore')
    .summary('Restore the SQLite database from a backup')
    .description(
      'Restore the SQLite database from a backup FILE made by `regia backup`. Stop the server first. FILE is checked ' +
        '(a Regia database, every migration applied, integrity and audit chain intact) before it atomically replaces ' +
        'the database. SQLite only: on PostgreSQL use pg_restore.',
    )
    .argument('<file>', 'the backup to restore')
    .option('--force', 'replace the existing database (required when one exists)')
    .action(async (file: string, options: { force?: boolean }) => {
      const databaseFile = sqliteFileOf(loadCliConfig().databaseUrl);
      if (!databaseFile) throw new CliError(postgresBackupAdvice);
      const result = await restoreSqlite(file, databaseFile, options);
      say(
        `Restored ${file} to ${databaseFile}: ${result.users} users, ${result.auditRecords} audit records, chain intact.`,
      );
    });
}
