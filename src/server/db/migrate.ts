import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect, Storage } from './connect';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_checks';

type MigrationModule = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

// Listed here rather than read from disk, so that the bundled server carries them.
const migrationModules: Record<string, MigrationModule> = {
  '0001_foundation': m0001,
  '0002_checks': m0002,
};

function providerFor(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(migrationModules)) {
        migrations[name] = { up: (db) => module.up(db, dialect) };
      }
      return migrations;
    },
  };
}

/** Applies every pending migration; returns the names applied. Throws when one fails. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const migrator = new Migrator({ db: storage.db, provider: providerFor(storage.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness probe). */
export async function isMigrated(storage: Storage): Promise<boolean> {
  const migrator = new Migrator({ db: storage.db, provider: providerFor(storage.dialect) });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
