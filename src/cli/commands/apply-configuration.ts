import { Command } from 'commander';
import type { ConfigurationTarget } from '../../server/features/configuration/configuration.section';
import {
  applyConfiguration,
  formatApplyOutcome,
  formatPlan,
  isEmptyPlan,
  planConfiguration,
  systemActor,
} from '../../server/features/configuration/configuration.service';
import {
  type ConfigurationIssue,
  parseConfigurationFile,
} from '../../server/features/configuration/configuration.yaml';
import { AppError } from '../../shared/errors';
import { createApiClient } from '../api-client';
import { CliError, loadCliConfig, note, readCappedFile, say, withLocalContext } from '../support';

export interface RemoteFlags {
  server?: string;
  token?: string;
}

/** Runs work against the server given by --server/--token, or the local database without them. */
export async function withTarget<T>(
  flags: RemoteFlags,
  work: (target: ConfigurationTarget) => Promise<T>,
): Promise<T> {
  const token = flags.token ?? process.env.REGIA_TOKEN;
  if (flags.server) {
    if (!token)
      throw new CliError('--server needs an API token: --token T or REGIA_TOKEN (see `regia token create`)');
    return work({ mode: 'remote', api: createApiClient({ server: flags.server, token }) });
  }
  if (flags.token) throw new CliError('--token is only used with --server');
  return withLocalContext((ctx) => work({ mode: 'local', ctx, actor: systemActor('cli') }));
}

/** Adds the file's line numbers to the problems the planner found (unknown references, duplicates). */
function withLines(error: unknown, lineOf: (path: string) => number | null): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details)) return error;
  // Only paths into the document (`items[3].owner`); an API error's `body.name` is not a place in the file.
  const issues = (error.details as ConfigurationIssue[]).map((issue) => ({
    ...issue,
    line: /^[a-z]+\[\d+\]/i.test(issue.path) ? lineOf(issue.path) : null,
  }));
  return new AppError(error.code, error.message, issues);
}

/** Adds --server and --token to a command that can work remotely. */
export function withRemoteOptions(command: Command): Command {
  return command
    .option('--server <url>', 'a Regia server to work on through its API, e.g. https://regia.example.com')
    .option(
      '--token <token>',
      'API token for --server (or set REGIA_TOKEN, which keeps it out of the process list)',
    );
}

/** `regia apply -f file.yaml`: makes Regia match the file; shows the plan first. */
export function applyCommand(): Command {
  const command = new Command('apply')
    .summary('Apply configuration as code from a YAML file (never deletes)')
    .description(
      'Apply configuration as code: teams, users, inventory items, relations and checks from a YAML file (apiVersion: regia/v1). ' +
        'Prints the plan (+ create, ~ update with the changed fields), then applies it, unless --dry-run. ' +
        'Objects are matched by name (team name, user email, item name). Apply never deletes: what the file does not name ' +
        'is left as it is, and team members not listed stay members. A named object is described completely: an omitted ' +
        'field takes its default. New users get a random password, and new heartbeat checks a push URL, printed once. ' +
        `Check header values are secrets: "********" keeps the stored value, and \${NAME} in a value is replaced by the ` +
        `environment variable NAME (e.g. Authorization: "Bearer \${ERP_TOKEN}"; $\${ for a literal \${), so a pipeline ` +
        'can supply them. Locally the whole plan is one transaction.',
    )
    .requiredOption('-f, --file <file>', 'the YAML file')
    .option('--dry-run', 'show the plan and change nothing');
  return withRemoteOptions(command).action(
    async (options: { file: string; dryRun?: boolean } & RemoteFlags) => {
      const { importLimitBytes } = loadCliConfig();
      const { document, lineOf } = parseConfigurationFile(
        readCappedFile(options.file, importLimitBytes),
        importLimitBytes,
      );
      await withTarget(options, async (target) => {
        const plan = await planConfiguration(target, document).catch((error: unknown) => {
          throw withLines(error, lineOf);
        });
        say(formatPlan(plan));
        if (options.dryRun) {
          note('Dry run: nothing was changed.');
          return;
        }
        if (isEmptyPlan(plan)) {
          say('Nothing to change.');
          return;
        }
        const outcome = await applyConfiguration(target, plan);
        say('Applied.');
        const shownOnce = formatApplyOutcome(outcome);
        if (shownOnce) say(`\n${shownOnce}`);
      });
    },
  );
}
