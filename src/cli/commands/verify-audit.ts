import { Command } from 'commander';
import { verifyAudit } from '../../server/features/audit/audit.service';
import { CliError, say, withLocalContext } from '../support';

/** `regia audit verify`: walks the hash chain of the audit log; exit 1 when a link is broken. */
export function verifyAuditCommand(): Command {
  return new Command('verify')
    .summary('Verify the hash chain of the audit log')
    .description(
      'Verify the hash chain of the audit log. Exits 1 when a record was changed, removed or inserted.',
    )
    .action(async () => {
      const result = await withLocalContext((ctx) => verifyAudit(ctx));
      if (!result.isIntact) {
        throw new CliError(
          `The audit chain is BROKEN at record ${result.firstBrokenId} (${result.checked} records before it verify).`,
        );
      }
      say(`The audit chain is intact: ${result.checked} records verified.`);
    });
}
