import { z } from 'zod';
import { roles } from '../domain/roles';
import { Email, EpochMs, NewPassword } from './common';

export const Role = z.enum(roles);

/** The signed-in user, as the client sees them. */
export const Me = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: Role,
  locale: z.string().nullable(),
  teamIds: z.array(z.number().int()).describe('teams the user belongs to'),
  leadTeamIds: z.array(z.number().int()).describe('teams the user leads'),
  timezone: z.string().describe("the organisation's IANA timezone (REGIA_TIMEZONE), e.g. Europe/Rome"),
});
export type Me = z.infer<typeof Me>;

/** Sign in with email and password; sets the session cookie. */
export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Change the signed-in user's own password; every other session of theirs ends. */
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** The signed-in user's own preferences. */
export const UpdateMeRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(['en', 'it']).nullable().optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

/** Whether first-run setup is still open. */
export const SetupStatus = z.object({ isOpen: z.boolean() });

/** Create the first admin with the one-time code printed in the server's terminal. */
export const SetupRequest = z.strictObject({
  code: z.string().trim().min(1).max(100).describe('one-time code printed by the server at start'),
  email: Email,
  name: z.string().trim().min(1).max(200),
  password: NewPassword,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

/** An API token as listed: never its secret. */
export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('first characters of the token, to recognise it'),
  createdAt: EpochMs,
  expiresAt: EpochMs.nullable(),
  lastUsedAt: EpochMs.nullable(),
  revokedAt: EpochMs.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const NewApiToken = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90).describe('null: never expires'),
});
export type NewApiToken = z.infer<typeof NewApiToken>;

/** The one answer that carries a token's secret: shown once, stored hashed. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
