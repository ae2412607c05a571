import { Command } from 'commander';
import { seedDemo } from '../../server/features/demo/demo.service';
import { say, withLocalContext } from '../support';

/** `regia demo`: fills an empty Regia with a believable Italian manufacturing company. */
export function seedDemoCommand(): Command {
  return new Command('demo')
    .summary('Seed a demo company (refuses when data exists)')
    .description(
      'Seed demo data: Officine Meccaniche Rossi S.p.A. (Brescia, Bergamo, Milano) with teams, users of every role, ' +
        '~150 inventory items and their dependencies, and checks: paused examples of every kind on the company hosts ' +
        '(which do not exist on this machine), and live checks that run anywhere, against targets this Regia serves ' +
        'itself under /demo-targets/ (on 127.0.0.1 and the PORT of this configuration), plus a heartbeat whose push URL ' +
        'is printed at the end. Refuses when teams or items exist, unless --force.',
    )
    .option(
      '--force',
      'add the demo even though data exists (existing objects with demo names are brought back to the demo)',
    )
    .action(async (options: { force?: boolean }) => {
      const result = await withLocalContext((ctx) => seedDemo(ctx, options));
      const { create, update, unchanged } = result.counts;
      const { checks } = result;
      say(`Demo data for ${result.company}: ${create} created, ${update} updated, ${unchanged} unchanged.`);
      say(`Work items: ${result.workItems} created in the teams' backlogs.`);
      say(`Sign in as ${result.adminEmail} with the password ${result.password}`);
      say('Every demo account created now (…@regia.demo, one per role) uses the same password.');
      say();
      say(
        `Checks: ${checks.live} live, against this Regia (${checks.targetsUrl}: some healthy, some failing), ` +
          `and ${checks.paused} paused examples on the company's hosts. They run while \`regia serve\` runs.`,
      );
      if (checks.heartbeat.pushUrl) {
        say(`The heartbeat check "${checks.heartbeat.check}" waits for a nightly beat. Send one with:`);
        say(`  curl -X POST ${checks.heartbeat.pushUrl}`);
        say('(This URL is shown only now; a new one can be made on the check page.)');
      } else {
        say(
          `The heartbeat check "${checks.heartbeat.check}" existed already: its push URL was shown when it was ` +
            'created; make a new one on the check page.',
        );
      }
    });
}
