import { z } from 'zod';
import { EpochMs } from './common';

export const TeamMember = z.object({
  userId: z.number().int(),
  email: z.string(),
  name: z.string(),
  isLead: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** A team with its members. */
export const Team = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  members: z.array(TeamMember),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Team = z.infer<typeof Team>;

export const NewTeam = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
});
export type NewTeam = z.infer<typeof NewTeam>;

export const UpdateTeam = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2000).optional(),
});
export type UpdateTeam = z.infer<typeof UpdateTeam>;

/** Add a member or change whether they lead the team. */
export const PutTeamMember = z.strictObject({ isLead: z.boolean().default(false) });
export type PutTeamMember = z.infer<typeof PutTeamMember>;

export const TeamMemberParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  userId: z.coerce.number().int().positive(),
});

export const TeamList = z.object({ rows: z.array(Team) });
