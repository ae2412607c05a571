import pg from 'pg';

/** Says once, before any test, whether PostgreSQL answers; in CI its absence fails the run. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.REGIA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.REGIA_TEST_POSTGRES = 'available';
  } catch (error) {
    if (process.env.CI || process.env.REGIA_REQUIRE_POSTGRES) {
      throw new Error(`PostgreSQL is required in CI but does not answer at ${url}: ${String(error)}`);
    }
    process.env.REGIA_TEST_POSTGRES = 'missing';
    console.warn(`\n[regia] PostgreSQL not reachable at ${url}: storage tests run on SQLite only.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
