import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { applyCommand } from './commands/apply-configuration';
import { backupCommand } from './commands/backup-database';
import { createTokenCommand } from './commands/create-token';
import { createUserCommand } from './commands/create-user';
import { exportCommand } from './commands/export-configuration';
import { migrateCommand } from './commands/migrate-database';
import { restoreCommand } from './commands/restore-database';
import { runnerCommand } from './commands/runner';
import { seedDemoCommand } from './commands/seed-demo';
import { serveCommand } from './commands/serve-server';
import { verifyAuditCommand } from './commands/verify-audit';

/** The `regia` command line: every command, with its help. */
export function buildProgram(): Command {
  const program = new Command('regia')
    .description(
      'Regia, the control room of an ICT Operations Manager.\n' +
        'Local commands use the database of REGIA_DATA_DIR (default ./data) or DATABASE_URL.',
    )
    .version(packageJson.version)
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });

  program.addCommand(serveCommand());
  program.addCommand(runnerCommand());
  program.addCommand(migrateCommand());
  program.addCommand(
    new Command('user')
      .description('Manage user accounts in the local database')
      .addCommand(createUserCommand()),
  );
  program.addCommand(
    new Command('token')
      .description('Manage API tokens in the local database')
      .addCommand(createTokenCommand()),
  );
  program.addCommand(applyCommand());
  program.addCommand(exportCommand());
  program.addCommand(backupCommand());
  program.addCommand(restoreCommand());
  program.addCommand(
    new Command('audit').description('Inspect the tamper-evident audit log').addCommand(verifyAuditCommand()),
  );
  program.addCommand(seedDemoCommand());
  return program;
}
