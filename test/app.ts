import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import type { Storage } from '../src/server/db/connect';
import { EventBus } from '../src/server/events';
import { createToken } from '../src/server/features/auth/tokens.service';
import { installReactions } from '../src/server/features/reactions';
import { createUser } from '../src/server/features/users/users.service';
import { createReactions } from '../src/server/reactions';
import { SecretBox } from '../src/server/secret-box';
import type { Role } from '../src/shared/domain/roles';

export const testSetupCode = 'TEST-CODE-0001';
export const testPassword = 'correct horse battery';
export const testOrigin = 'http://localhost:80';
const testSecretKey = Buffer.alloc(32, 7);

/** An AppContext over a test database, with a clock the test can move. */
export function buildTestContext(
  storage: Storage,
  overrides: Partial<AppContext> = {},
): AppContext & { clock: { now: number } } {
  const clock = { now: Date.UTC(2026, 10, 25, 9, 0, 0) };
  return {
    db: storage.db,
    dialect: storage.dialect,
    storage,
    config: { ...loadConfig({}), publicUrl: undefined },
    log: pino({ level: process.env.REGIA_TEST_LOG ?? 'silent' }),
    now: () => clock.now,
    clock,
    events: new EventBus(),
    secrets: new SecretBox(testSecretKey),
    reactions: createReactions(),
    ...overrides,
  };
}

/** A built app over a test database, not listening: requests go through `app.inject`. */
export async function buildTestApp(storage: Storage, overrides: Partial<AppContext> = {}) {
  const ctx = buildTestContext(storage, overrides);
  await installReactions(ctx);
  const { app } = await buildApp({ ctx, setupCode: testSetupCode, clientDir: '/nonexistent' });
  await app.ready();
  return { app, ctx };
}

const systemActor = { userId: null, label: 'test' };
let counter = 0;

/** Creates a user with a role and an API token; returns headers that authenticate as them. */
export async function createUserWithToken(ctx: AppContext, role: Role, email?: string) {
  counter += 1;
  const user = await createUser(ctx, systemActor, {
    email: email ?? `${role}${counter}-${Date.now()}@example.test`,
    name: `${role} ${counter}`,
    role,
    password: testPassword,
  });
  const token = await createToken(ctx, systemActor, user.id, { name: 'test', expiresInDays: 1 });
  return { user, token: token.token, headers: { authorization: `Bearer ${token.token}` } };
}

/** Signs in with email and password through the API and returns the cookie header to send. */
export async function loginCookie(
  app: FastifyInstance,
  email: string,
  password = testPassword,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { origin: testOrigin, host: 'localhost:80' },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'regia_session');
  if (!cookie) throw new Error('no session cookie');
  return `regia_session=${cookie.value}`;
}

/** Parses a JSON answer, failing the test with the body when it is not JSON. */
export function json<T = unknown>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

export type { InjectOptions };
