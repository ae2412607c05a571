import { z } from 'zod';
import { EpochMs, PageQuery, pageOf } from './common';
import { DailyAvailability } from './service-health';

/** The languages a status page is written in. */
export const statusPageLanguages = ['en', 'it'] as const;
export const StatusPageLanguage = z.enum(statusPageLanguages);
export type StatusPageLanguage = z.infer<typeof StatusPageLanguage>;

/** A page's address: lowercase letters, digits and inner hyphens, e.g. `erp-services`. */
export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: 'required' })
  .max(100)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, {
    message: 'lowercase letters, digits and hyphens, not at the start or end',
  })
  .describe('the address of the public page: /status/<slug>');

/** One service shown on a page: an item under the name the public sees. */
export const StatusPageServiceInput = z.strictObject({
  itemId: z.number().int().positive(),
  displayName: z
    .string()
    .trim()
    .min(1, { message: 'required' })
    .max(200)
    .describe('the public name; the item name and hosts are never shown'),
});
export type StatusPageServiceInput = z.infer<typeof StatusPageServiceInput>;

const pageFields = {
  slug: Slug,
  title: z.string().trim().min(1, { message: 'required' }).max(200),
  description: z.string().max(5000).default('').describe('shown under the title, as plain text'),
  language: StatusPageLanguage.default('en'),
  isPublished: z.boolean().default(false).describe('only a published page answers without signing in'),
  services: z
    .array(StatusPageServiceInput)
    .max(100)
    .default([])
    .describe('the services shown, in this order'),
};

/** A new status page. */
export const NewStatusPage = z.strictObject(pageFields);
export type NewStatusPage = z.infer<typeof NewStatusPage>;
export type NewStatusPageInput = z.input<typeof NewStatusPage>;

/** A partial change; services given replace the list (and its order). */
export const UpdateStatusPage = z.strictObject({
  slug: Slug.optional(),
  title: pageFields.title.optional(),
  description: z.string().max(5000).optional(),
  language: StatusPageLanguage.optional(),
  isPublished: z.boolean().optional(),
  services: z.array(StatusPageServiceInput).max(100).optional(),
});
export type UpdateStatusPage = z.infer<typeof UpdateStatusPage>;

/** A page as its editors see it (with item names: this is the signed-in side). */
export const StatusPage = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  language: StatusPageLanguage,
  isPublished: z.boolean(),
  services: z.array(
    z.object({
      itemId: z.number().int(),
      itemName: z.string(),
      displayName: z.string(),
      position: z.number().int(),
    }),
  ),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type StatusPage = z.infer<typeof StatusPage>;

export const StatusPageListQuery = z.strictObject({ ...PageQuery });
export const StatusPagePage = pageOf(StatusPage);
export type StatusPagePage = z.infer<typeof StatusPagePage>;

export const SlugParams = z.strictObject({
  slug: z.string().min(1).max(100).describe('the page address'),
});

/** A service's state as the public sees it. */
export const PublicServiceState = z.enum(['up', 'degraded', 'down', 'maintenance', 'unknown']);
export type PublicServiceState = z.infer<typeof PublicServiceState>;

/**
 * What anyone may read of a page: public names, states, daily availability, open incidents (their
 * public summary only) and planned maintenance. Nothing internal: no item names, ids, hosts, checks.
 */
export const PublicStatusPage = z.object({
  title: z.string(),
  description: z.string(),
  language: StatusPageLanguage,
  overall: PublicServiceState.describe('the worst state among the services shown'),
  services: z.array(
    z.object({
      name: z.string(),
      state: PublicServiceState,
      days: z.array(DailyAvailability),
    }),
  ),
  incidents: z.array(
    z.object({
      summary: z
        .string()
        .nullable()
        .describe("the incident's public summary; null means a neutral text in the page language"),
      startedAt: EpochMs,
      services: z.array(z.string()).describe('the public names of the services it affects'),
    }),
  ),
  maintenance: z.array(
    z.object({
      title: z.string(),
      startsAt: EpochMs,
      endsAt: EpochMs,
      isActive: z.boolean(),
      services: z.array(z.string()),
    }),
  ),
  ruleText: z.string().describe('how the daily availability is computed'),
  generatedAt: EpochMs,
});
export type PublicStatusPage = z.infer<typeof PublicStatusPage>;

/** A status page in a configuration file, named by its slug, with its services by item name, in order. */
export const StatusPageSpec = z.strictObject({
  slug: Slug,
  title: pageFields.title,
  description: z.string().max(5000).default(''),
  language: StatusPageLanguage.default('en'),
  published: z.boolean().default(false),
  services: z
    .array(
      z.strictObject({
        item: z.string().trim().min(1).max(200).describe('item name'),
        displayName: StatusPageServiceInput.shape.displayName,
      }),
    )
    .max(100)
    .default([]),
});
export type StatusPageSpec = z.infer<typeof StatusPageSpec>;
