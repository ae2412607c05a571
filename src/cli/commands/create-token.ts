import { Command, InvalidArgumentError } from 'commander';
import { createToken } from '../../server/features/auth/tokens.service';
import { systemActor } from '../../server/features/configuration/configuration.service';
import { listUserPage } from '../../server/features/users/users.service';
import { NewApiToken } from '../../shared/contracts/auth';
import { CliError, note, say, withLocalContext } from '../support';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('a whole number of days, 1 or more');
  return number;
}

/** `regia token create`: an API token for scripts and `regia apply --server`, printed once. */
export function createTokenCommand(): Command {
  return new Command('create')
    .summary('Create an API token (printed once)')
    .description(
      "Create an API token for a user. The token acts with that user's role. It is printed once on stdout; " +
        'Regia keeps only its hash.',
    )
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--expires-days <days>', 'days until the token expires (1-3650)', positiveInteger, 90)
    .option('--never-expires', 'a token without expiry (prefer one that expires)')
    .action(async (options: { email: string; name: string; expiresDays: number; neverExpires?: boolean }) => {
      const input = NewApiToken.parse({
        name: options.name,
        expiresInDays: options.neverExpires ? null : options.expiresDays,
      });
      const email = options.email.trim().toLowerCase();
      const created = await withLocalContext(async (ctx) => {
        const page = await listUserPage(ctx, {
          q: email,
          page: 1,
          pageSize: 200,
          sort: 'email',
          direction: 'asc',
        });
        const user = page.rows.find((row) => row.email === email);
        if (!user) throw new CliError(`No user ${email}`);
        if (user.isDisabled) throw new CliError(`${email} is disabled`);
        return createToken(ctx, systemActor('cli'), user.id, input);
      });
      const expiry =
        created.expiresAt === null
          ? 'never expires'
          : `expires ${new Date(created.expiresAt).toISOString().slice(0, 10)}`;
      note(`Token "${created.name}" for ${email} (${expiry}). Store it now: it is not shown again.`);
      say(created.token);
    });
}
