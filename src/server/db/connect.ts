import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

/** An open database: the Kysely handle plus what only this file knows about the driver underneath. */
export interface Storage {
  db: Db;
  dialect: Dialect;
  /** the raw SQLite handle, for the online backup API; undefined on PostgreSQL */
  sqlite?: SqliteDatabase.Database;
  /**
   * PostgreSQL only: a connection of its own that LISTENs on a channel and hands over each payload;
   * resolves to a function that closes it. Undefined on SQLite (one process, nothing to relay).
   */
  listen?(
    channel: string,
    onPayload: (payload: string) => void,
    onError: (error: Error) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL schema to use instead of public (tests isolate themselves this way) */
  searchPath?: string;
  poolSize?: number;
}

// pg returns int8 and count(*) as strings; Regia's int8 columns are epoch-ms and ids, all far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens `sqlite://path`, `sqlite::memory:` or `postgres://…`; the only place that knows the drivers. */
export function connect(url: string, options: ConnectOptions = {}): Storage {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const connection = {
      connectionString: url,
      options: options.searchPath ? `-c search_path=${quoteIdentifier(options.searchPath)}` : undefined,
    };
    const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    const listen: Storage['listen'] = async (channel, onPayload, onError) => {
      const client = new pg.Client(connection);
      client.on('error', onError);
      client.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    };
    return { db, dialect: 'postgres', listen, close: () => db.destroy() };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    const isMemory = file === ':memory:' || file === '';
    if (!isMemory) fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SqliteDatabase(isMemory ? ':memory:' : file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return name;
}

/** Removes the password from a database URL so it can be logged. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
