import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestContext } from '../../test/app';
import { connect, type Storage } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { verifyAuditChain } from '../server/features/audit/audit.repository';
import { createItem } from '../server/features/inventory/inventory.service';
import { createRelation } from '../server/features/inventory/relations.service';
import { createTeam } from '../server/features/teams/teams.service';
import { createUser } from '../server/features/users/users.service';
import { backupSqlite, restoreSqlite } from './backup';

const actor = { userId: null, label: 'test' };

/** Every row of every table, in a stable order: what "the same database" means here. */
function snapshot(file: string): Record<string, unknown[]> {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

describe('backup and restore (SQLite)', () => {
  let dir: string;
  let file: string;
  let storage: Storage;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-backup-'));
    file = path.join(dir, 'regia.db');
    storage = connect(`sqlite://${file}`);
    await migrateToLatest(storage);
    const ctx = buildTestContext(storage);
    await createUser(ctx, actor, {
      email: 'ada@example.test',
      name: 'Ada',
      role: 'admin',
      password: 'a long password',
    });
    const team = await createTeam(ctx, actor, { name: 'Infrastruttura', description: 'server e storage' });
    const vm = await createItem(ctx, actor, {
      kind: 'virtualMachine',
      name: 'vm-01',
      criticality: 1,
      ownerTeamId: team.id,
      tags: ['x'],
    });
    const host = await createItem(ctx, actor, {
      kind: 'server',
      name: 'esx-01',
      criticality: 1,
      attributes: { ramGb: 512 },
    });
    await createRelation(ctx, actor, { sourceItemId: vm.id, targetItemId: host.id, kind: 'runsOn' });
  });
  afterAll(async () => {
    await storage?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a live database and restores it exactly, audit chain included', async () => {
    const backup = path.join(dir, 'backup.db');
    const { pages } = await backupSqlite(storage, backup);
    expect(pages).toBeGreaterThan(0);
    expect(fs.existsSync(`${backup}-wal`)).toBe(false);
    await expect(backupSqlite(storage, backup)).rejects.toThrow(/exists; add --force/);
    const atBackup = snapshot(backup);

    // Changes after the backup are gone after the restore.
    await createTeam(buildTestContext(storage), actor, { name: 'Dopo il backup', description: '' });
    await storage.close();
    fs.writeFileSync(`${file}-wal`, 'stale write-ahead log of the replaced database');

    await expect(restoreSqlite(backup, file)).rejects.toThrow(/add --force/);
    const result = await restoreSqlite(backup, file, { force: true });
    expect(result).toMatchObject({ users: 1 });
    expect(result.auditRecords).toBeGreaterThanOrEqual(5);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(snapshot(file)).toEqual(atBackup);

    storage = connect(`sqlite://${file}`);
    expect(await verifyAuditChain(storage.db)).toMatchObject({ isIntact: true });
    expect(await migrateToLatest(storage)).toEqual([]);
  });

  it('refuses a file that is not a Regia database, and leaves the database alone', async () => {
    const before = fs.readFileSync(file);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough to have a header');
    await expect(restoreSqlite(text, file, { force: true })).rejects.toThrow(
      /not a readable SQLite database|not a Regia/,
    );
    const other = path.join(dir, 'other.db');
    const foreign = new SqliteDatabase(other);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    foreign.close();
    await expect(restoreSqlite(other, file, { force: true })).rejects.toThrow(/not a Regia one/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
