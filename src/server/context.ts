import type { Logger } from 'pino';
import type { Config } from './config';
import type { Db, Dialect, Storage } from './db/connect';

/** What services need, passed explicitly (no container): the database, a clock and a logger. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  storage: Storage;
  config: Config;
  log: Logger;
  /** epoch milliseconds; tests replace it to move time */
  now(): number;
}
