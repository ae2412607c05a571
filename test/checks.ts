import type { Db } from '../src/server/db/connect';

let counter = 0;

/** Inserts a check row directly (tests of the engine that do not go through the API). */
export async function insertTestCheck(
  db: Db,
  fields: {
    name?: string;
    retries?: number;
    locations?: string[];
    downQuorum?: number;
    intervalSeconds?: number;
    settings?: object;
  } = {},
): Promise<number> {
  counter += 1;
  const row = await db
    .insertInto('checks')
    .values({
      name: fields.name ?? `check ${counter} ${Date.now()}`,
      kind: 'http',
      itemId: null,
      ownerTeamId: null,
      settings: JSON.stringify(fields.settings ?? { kind: 'http', url: 'http://127.0.0.1:1/' }),
      intervalSeconds: fields.intervalSeconds ?? 30,
      cron: null,
      timeoutMs: 5000,
      retries: fields.retries ?? 0,
      degradedAboveMs: null,
      isPaused: 0,
      locations: JSON.stringify(fields.locations ?? ['local']),
      downQuorum: fields.downQuorum ?? 1,
      pushTokenHash: null,
      createdAt: 0,
      updatedAt: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
