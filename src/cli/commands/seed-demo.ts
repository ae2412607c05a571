import { Command } from 'commander';
import { seedDemo } from '../../server/features/demo/demo.service';
import { say, withLocalContext } from '../support';

/** `regia demo`: fills an empty Regia with a believable Italian manufacturing company. */
export function seedDemoCommand(): Command {
  return new Command('demo')
    .summary('Seed a demo company (refuses when data exists)')
    .description(
      'Seed demo data: Officine Meccaniche Rossi S.p.A. (Brescia, Bergamo, Milano) with teams, users of every role, ' +
        '~150 inventory items and their dependencies. Refuses when teams or items exist, unless --force.',
    )
    .option(
      '--force',
      'add the demo even though data exists (existing objects with demo names are brought back to the demo)',
    )
    .action(async (options: { force?: boolean }) => {
      const result = await withLocalContext((ctx) => seedDemo(ctx, options));
      const { create, update, unchanged } = result.counts;
      say(`Demo data for ${result.company}: ${create} created, ${update} updated, ${unchanged} unchanged.`);
      say(`Sign in as ${result.adminEmail} with the password ${result.password}`);
      say('Every demo account created now (…@regia.demo, one per role) uses the same password.');
    });
}
