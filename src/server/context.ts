import type { Logger } from 'pino';
import type { Config } from './config';
import type { Db, Dialect, Storage } from './db/connect';
import type { EventBus } from './events';
import type { Reactions } from './reactions';
import type { SecretBox } from './secret-box';

/** What services need, passed explicitly (no container): the database, a clock and a logger. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  storage: Storage;
  config: Config;
  log: Logger;
  /** epoch milliseconds; tests replace it to move time */
  now(): number;
  /** facts between features, after their transaction commits */
  events: EventBus;
  /** encrypts secrets in definitions (check headers, channel passwords) */
  secrets: SecretBox;
  /** what features write in the transaction of another feature's facts (state changes, results) */
  reactions: Reactions;
}
