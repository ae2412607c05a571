import { Command, Option } from 'commander';
import { systemActor } from '../../server/features/configuration/configuration.service';
import { createUser } from '../../server/features/users/users.service';
import { NewUser } from '../../shared/contracts/users';
import { roles } from '../../shared/domain/roles';
import { CliError, say, withLocalContext } from '../support';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `regia user create`: an account made from the server's shell, e.g. a first admin without the web setup. */
export function createUserCommand(): Command {
  return new Command('create')
    .summary('Create a user account')
    .description(
      'Create a user account in the local database. The first account also closes first-run setup.',
    )
    .requiredOption('--email <email>', 'email address, used to sign in')
    .option(
      '--password <password>',
      'initial password, at least 10 characters (visible to other local users in the process list: prefer --password-stdin)',
    )
    .option('--password-stdin', 'read the password from standard input')
    .addOption(new Option('--role <role>', 'role of the account').choices(roles).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .action(
      async (options: {
        email: string;
        password?: string;
        passwordStdin?: boolean;
        role: string;
        name?: string;
      }) => {
        if (options.password && options.passwordStdin)
          throw new CliError('Give --password or --password-stdin, not both');
        const password = options.passwordStdin ? await readStdin() : options.password;
        if (!password) throw new CliError('A password is needed: --password or --password-stdin');
        const input = NewUser.parse({
          email: options.email,
          name: options.name ?? options.email.split('@')[0],
          role: options.role,
          password,
        });
        const user = await withLocalContext((ctx) => createUser(ctx, systemActor('cli'), input));
        say(`Created ${user.role} ${user.email} (id ${user.id}).`);
      },
    );
}
