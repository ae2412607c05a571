import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect, Storage } from './connect';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_checks';
import * as m0003 from './migrations/0003_procedures';
import * as m0004 from './migrations/0004_incidents';
import * as m0005 from './migrations/0005_work_items';
import * as m0006 from './migrations/0006_collaboration';
import * as m0007 from './migrations/0007_requests';
import * as m0008 from './migrations/0008_saved_views';
import * as m0009 from './migrations/0009_work_indexes';

type MigrationModule = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

// Listed here rather than read from disk, so that the bundled server carries them.
const migrationModules: Record<string, MigrationModule> = {
  '0001_foundation': m0001,
  '0002_checks': m0002,
  '0003_procedures': m0003,
  '0004_incidents': m0004,
  '0005_work_items': m0005,
  '0006_collaboration': m0006,
  '0007_requests': m0007,
  '0008_saved_views': m0008,
  '0009_work_indexes': m0009,
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

/**
 * Kysely looks for its bookkeeping tables in any schema; on PostgreSQL pin them to the current one,
 * or a database with Regia in two schemas (tests, staging beside production) would share them.
 */
async function migratorFor(storage: Storage): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (storage.dialect === 'postgres') {
    const row = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(storage.db);
    migrationTableSchema = row.rows[0]?.schema;
  }
  return new Migrator({ db: storage.db, provider: providerFor(storage.dialect), migrationTableSchema });
}

/** Applies every pending migration; returns the names applied. Throws when one fails. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const migrator = await migratorFor(storage);
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness probe). */
export async function isMigrated(storage: Storage): Promise<boolean> {
  const migrator = await migratorFor(storage);
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
