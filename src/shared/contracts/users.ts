import { z } from 'zod';
import { Role } from './auth';
import { Email, EpochMs, NewPassword, PageQuery, pageOf, SortDirection } from './common';

/** A user as an admin sees them; never a password hash. */
export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: Role,
  isDisabled: z.boolean(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type User = z.infer<typeof User>;

export const NewUser = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: Role,
  password: NewPassword,
});
export type NewUser = z.infer<typeof NewUser>;

/** Fields an admin may change; a new password or disabling ends the user's sessions. */
export const UpdateUser = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  isDisabled: z.boolean().optional(),
  password: NewPassword.optional(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserListQuery = z.strictObject({
  ...PageQuery,
  q: z.string().trim().max(200).optional().describe('matches email or name'),
  role: Role.optional(),
  sort: z.enum(['email', 'name', 'role', 'createdAt']).default('email'),
  direction: SortDirection,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserPage = pageOf(User);
