import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { exportConfiguration } from '../../server/features/configuration/configuration.service';
import { stringifyConfiguration } from '../../server/features/configuration/configuration.yaml';
import { note } from '../support';
import { type RemoteFlags, withRemoteOptions, withTarget } from './apply-configuration';

/** `regia export`: writes the configuration as YAML that `regia apply` reads back unchanged. */
export function exportCommand(): Command {
  const command = new Command('export')
    .summary('Export configuration as code to YAML')
    .description(
      'Export teams, users (never passwords), inventory items, relations and checks as YAML (apiVersion: regia/v1), ' +
        'in the format `regia apply` reads: export then apply changes nothing. Fields at their default are left out. ' +
        'Check header values (secrets) are written as "********", which apply reads as "keep the stored value".',
    )
    .option('-o, --output <file>', 'write to this file instead of standard output');
  return withRemoteOptions(command).action(async (options: { output?: string } & RemoteFlags) => {
    const document = await withTarget(options, exportConfiguration);
    const header = `Regia configuration, exported ${new Date().toISOString()}.\nApply with: regia apply -f FILE [--dry-run]`;
    const text = stringifyConfiguration(document, header);
    if (!options.output) {
      process.stdout.write(text);
      return;
    }
    // Through a temporary file, so a failed export never leaves half a file under the real name.
    const temporary = path.join(
      path.dirname(options.output),
      `.${path.basename(options.output)}.${process.pid}.tmp`,
    );
    fs.writeFileSync(temporary, text, { mode: 0o600 });
    fs.renameSync(temporary, options.output);
    note(`Wrote ${options.output}.`);
  });
}
