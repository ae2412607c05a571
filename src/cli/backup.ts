import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { connect, type Storage } from '../server/db/connect';
import { isMigrated, migrateToLatest } from '../server/db/migrate';
import { verifyAuditChain } from '../server/features/audit/audit.repository';
import { CliError } from './support';

/** The file of a `sqlite:` database URL; undefined for PostgreSQL or an in-memory database. */
export function sqliteFileOf(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
  return file === '' || file === ':memory:' ? undefined : path.resolve(file);
}

export const postgresBackupAdvice =
  'Regia backs up SQLite only. On PostgreSQL use pg_dump and pg_restore (e.g. `pg_dump -Fc -f regia.dump "$DATABASE_URL"`), ' +
  "or your provider's snapshots.";

const sidecars = ['-wal', '-shm', '-journal'];

function temporaryBeside(file: string, purpose: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${process.pid}-${Date.now()}.tmp`);
}

function removeQuietly(file: string): void {
  for (const suffix of ['', ...sidecars]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Writes a file's content and its directory entry to disk before we rely on them. */
function flushToDisk(file: string): void {
  const handle = fs.openSync(file, 'r');
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  try {
    const directory = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(directory);
    fs.closeSync(directory);
  } catch {
    // Some platforms cannot open a directory; the rename is still atomic there.
  }
}

/**
 * Backs up an open SQLite database with SQLite's online backup API (consistent while the server
 * writes; never a copy of the live file). The result is one self-contained file (no WAL beside it),
 * written under a temporary name and renamed into place.
 */
export async function backupSqlite(
  storage: Storage,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ pages: number }> {
  if (!storage.sqlite) throw new CliError(postgresBackupAdvice);
  const destination = path.resolve(file);
  if (fs.existsSync(destination) && !options.force)
    throw new CliError(`${file} exists; add --force to replace it`);
  const temporary = temporaryBeside(destination, 'backup');
  try {
    const { totalPages } = await storage.sqlite.backup(temporary);
    const copy = new SqliteDatabase(temporary);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    flushToDisk(temporary);
    fs.renameSync(temporary, destination);
    return { pages: totalPages };
  } finally {
    removeQuietly(temporary);
  }
}

export interface RestoreResult {
  auditRecords: number;
  users: number;
}

/**
 * Restores a backup over the SQLite database at `target`: the backup is copied (through SQLite, so a
 * WAL beside it is honoured) to a temporary file next to the target, checked (a Regia database, every
 * migration applied, integrity ok, audit chain intact), then renamed over the target, whose stale
 * -wal/-shm files are removed first. The server must be stopped meanwhile.
 */
export async function restoreSqlite(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const from = path.resolve(source);
  const to = path.resolve(target);
  if (!fs.existsSync(from)) throw new CliError(`${source}: no such file`);
  if (from === to) throw new CliError('The backup and the database are the same file');
  if (fs.existsSync(to) && !options.force) {
    throw new CliError(
      `A database exists at ${to}; stop the server and add --force to replace it with ${source}`,
    );
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const temporary = temporaryBeside(to, 'restore');
  try {
    try {
      const backup = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
      try {
        await backup.backup(temporary);
      } finally {
        backup.close();
      }
    } catch (error) {
      throw new CliError(
        `${source} is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const result = await checkRegiaDatabase(temporary, source);
    flushToDisk(temporary);
    for (const suffix of sidecars) fs.rmSync(`${to}${suffix}`, { force: true });
    fs.renameSync(temporary, to);
    flushToDisk(to);
    return result;
  } finally {
    removeQuietly(temporary);
  }
}

async function checkRegiaDatabase(file: string, label: string): Promise<RestoreResult> {
  const storage = connect(`sqlite://${file}`);
  try {
    const integrity = storage.sqlite?.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new CliError(`${label} fails SQLite's integrity check: ${String(integrity)}`);
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
      storage.db,
    );
    const names = new Set(tables.rows.map((row) => row.name));
    if (!names.has('kysely_migration') || !names.has('audit_log') || !names.has('users')) {
      throw new CliError(`${label} is a SQLite database but not a Regia one`);
    }
    if (!(await isMigrated(storage))) {
      throw new CliError(
        `${label} is from an older Regia (migrations missing); restore it with that version, then upgrade`,
      );
    }
    try {
      // Every migration is applied, so this changes nothing; it fails when the backup knows migrations
      // this build does not (a backup from a newer Regia).
      await migrateToLatest(storage);
    } catch (error) {
      throw new CliError(
        `${label} is from a newer Regia: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const chain = await verifyAuditChain(storage.db);
    if (!chain.isIntact)
      throw new CliError(`${label}: its audit chain is broken at record ${chain.firstBrokenId}`);
    const users = await storage.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { auditRecords: chain.checked, users: Number(users.n) };
  } finally {
    await storage.close();
  }
}
