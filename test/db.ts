import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { connect, type Dialect, type Storage } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';

export const testPostgresUrl =
  process.env.REGIA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The dialects this run covers: both, unless PostgreSQL is missing outside CI (global setup says so). */
export const testDialects: Dialect[] =
  process.env.REGIA_TEST_POSTGRES === 'missing' ? ['sqlite'] : ['sqlite', 'postgres'];

/**
 * A fresh, migrated database: in-memory SQLite, or a PostgreSQL schema of its own (dropped by
 * `dropTestStorage`), so test files never see each other's rows.
 */
export async function createTestStorage(dialect: Dialect): Promise<Storage> {
  if (dialect === 'sqlite') {
    const storage = connect('sqlite::memory:');
    await migrateToLatest(storage);
    return storage;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const storage = connect(testPostgresUrl, { searchPath: schema, poolSize: 4 });
  await migrateToLatest(storage);
  const close = storage.close;
  storage.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: testPostgresUrl });
    await dropper.connect();
    await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
    await dropper.end();
  };
  return storage;
}

/**
 * Runs a block of tests once per dialect. `fresh` makes a new database before each test;
 * otherwise one database serves the whole block.
 */
export function describeEachDialect(
  name: string,
  body: (getStorage: () => Storage, dialect: Dialect) => void,
  options: { fresh?: boolean } = {},
): void {
  for (const dialect of testDialects) {
    describe(`${name} [${dialect}]`, () => {
      let storage: Storage | undefined;
      const open: Storage[] = [];
      const openStorage = async () => {
        storage = await createTestStorage(dialect);
        open.push(storage);
      };
      // Registered before the body's own hooks, so theirs see the database already open.
      if (options.fresh) beforeEach(openStorage);
      else beforeAll(openStorage);
      afterAll(async () => {
        await Promise.all(open.map((s) => s.close()));
      });
      body(() => {
        if (!storage) throw new Error('storage is opened before each test');
        return storage;
      }, dialect);
    });
  }
}
