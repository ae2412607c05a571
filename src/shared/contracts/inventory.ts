import { z } from 'zod';
import { EpochMs, PageQuery, pageOf, SortDirection } from './common';

/** The kinds of inventory item. */
export const itemKinds = [
  'businessService',
  'application',
  'server',
  'virtualMachine',
  'networkDevice',
  'database',
  'storage',
  'cloudService',
  'saas',
  'endpoint',
  'licence',
  'other',
] as const;
export const ItemKind = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKind>;

export const environments = ['production', 'staging', 'test', 'development', 'disasterRecovery', ''] as const;
export const Environment = z.enum(environments);

/** Relation kinds: "A depends on B", "A runs on B", "A connects to B" (source A, target B). */
export const relationKinds = ['dependsOn', 'runsOn', 'connectsTo'] as const;
export const RelationKind = z.enum(relationKinds);
export type RelationKind = z.infer<typeof RelationKind>;

/** True for a `YYYY-MM-DD` text naming a day that exists (Date.parse alone accepts 31 February). */
export function isRealIsoDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date as YYYY-MM-DD' })
  .refine(isRealIsoDate, { message: 'not a real date' });
const Cents = z.number().int().min(0).max(1e13).describe('amount in cents (minor units)');
const Tag = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:/-]*$/u, { message: 'letters, digits, space and . _ : / -' });
const AttributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

/** Fields of an item a person writes; shared by the create form and the create route. */
export const NewItem = z.strictObject({
  kind: ItemKind,
  name: z.string().trim().min(1, { message: 'required' }).max(200),
  description: z.string().max(10_000).default(''),
  ownerTeamId: z.number().int().positive().nullable().default(null),
  criticality: z.number().int().min(1).max(4).describe('1 = most critical, 4 = least'),
  environment: Environment.default(''),
  location: z.string().trim().max(200).default(''),
  vendor: z.string().trim().max(200).default(''),
  acquiredOn: IsoDate.nullable().default(null),
  warrantyEnd: IsoDate.nullable().default(null),
  endOfSupport: IsoDate.nullable().default(null),
  purchaseCostCents: Cents.nullable().default(null),
  annualCostCents: Cents.nullable().default(null),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'ISO 4217 code, e.g. EUR' })
    .default('EUR'),
  tags: z.array(Tag).max(50).default([]),
  attributes: z
    .record(z.string().min(1).max(100), AttributeValue)
    .refine((record) => Object.keys(record).length <= 100, { message: 'at most 100 attributes' })
    .default({})
    .describe('free custom attributes'),
});
export type NewItem = z.infer<typeof NewItem>;
export type NewItemInput = z.input<typeof NewItem>;

/** A partial change of an item; absent fields stay as they are. */
export const UpdateItem = z.strictObject({
  kind: ItemKind.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  ownerTeamId: z.number().int().positive().nullable().optional(),
  criticality: z.number().int().min(1).max(4).optional(),
  environment: Environment.optional(),
  location: z.string().trim().max(200).optional(),
  vendor: z.string().trim().max(200).optional(),
  acquiredOn: IsoDate.nullable().optional(),
  warrantyEnd: IsoDate.nullable().optional(),
  endOfSupport: IsoDate.nullable().optional(),
  purchaseCostCents: Cents.nullable().optional(),
  annualCostCents: Cents.nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  tags: z.array(Tag).max(50).optional(),
  attributes: z.record(z.string().min(1).max(100), AttributeValue).optional(),
});
export type UpdateItem = z.infer<typeof UpdateItem>;

/** An item as the API returns it. */
export const Item = z.object({
  id: z.number().int(),
  kind: ItemKind,
  name: z.string(),
  description: z.string(),
  ownerTeamId: z.number().int().nullable(),
  ownerTeamName: z.string().nullable(),
  criticality: z.number().int(),
  environment: z.string(),
  location: z.string(),
  vendor: z.string(),
  acquiredOn: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  endOfSupport: z.string().nullable(),
  purchaseCostCents: z.number().int().nullable(),
  annualCostCents: z.number().int().nullable(),
  currency: z.string(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), AttributeValue),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Item = z.infer<typeof Item>;

export const itemSortFields = [
  'name',
  'kind',
  'criticality',
  'environment',
  'updatedAt',
  'endOfSupport',
] as const;

/** List query: text search, filters from an allow-list, sorting and paging. */
export const ItemListQuery = z.strictObject({
  ...PageQuery,
  q: z.string().trim().max(200).optional().describe('matches name, description, vendor, location'),
  kind: ItemKind.optional(),
  ownerTeamId: z.coerce.number().int().positive().optional(),
  criticality: z.coerce.number().int().min(1).max(4).optional(),
  environment: Environment.optional(),
  tag: Tag.optional(),
  sort: z.enum(itemSortFields).default('name'),
  direction: SortDirection,
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

export const ItemPage = pageOf(Item);
export type ItemPage = z.infer<typeof ItemPage>;

/** A relation between two items, with both names for display. */
export const Relation = z.object({
  id: z.number().int(),
  sourceItemId: z.number().int(),
  sourceName: z.string(),
  targetItemId: z.number().int(),
  targetName: z.string(),
  kind: RelationKind,
  createdAt: EpochMs,
});
export type Relation = z.infer<typeof Relation>;

export const NewRelation = z.strictObject({
  sourceItemId: z.number().int().positive(),
  targetItemId: z.number().int().positive(),
  kind: RelationKind,
});
export type NewRelation = z.infer<typeof NewRelation>;

/** The relations touching one item, both directions. */
export const ItemRelations = z.object({
  outgoing: z.array(Relation).describe('this item depends on / runs on / connects to'),
  incoming: z.array(Relation).describe('items that depend on / run on / connect to this one'),
});
export type ItemRelations = z.infer<typeof ItemRelations>;

/** Everything that transitively depends on an item, with the distance in hops. */
export const Impact = z.object({
  itemId: z.number().int(),
  impacted: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: ItemKind,
      criticality: z.number().int(),
      depth: z.number().int().describe('1 = depends directly on the item'),
    }),
  ),
});
export type Impact = z.infer<typeof Impact>;

/** Nodes and edges for the dependency map, around one item or the whole inventory. */
export const DependencyGraph = z.object({
  nodes: z.array(
    z.object({ id: z.number().int(), name: z.string(), kind: ItemKind, criticality: z.number().int() }),
  ),
  edges: z.array(
    z.object({
      id: z.number().int(),
      source: z.number().int(),
      target: z.number().int(),
      kind: RelationKind,
    }),
  ),
  isTruncated: z.boolean().optional().describe('true when the node limit (500) left items out'),
});
export type DependencyGraph = z.infer<typeof DependencyGraph>;

export const GraphQuery = z.strictObject({
  itemId: z.coerce.number().int().positive().optional().describe('centre the map on this item'),
  depth: z.coerce.number().int().min(1).max(6).default(2),
});
export type GraphQuery = z.infer<typeof GraphQuery>;

/** The most characters a CSV import may have, checked before parsing. */
export const importMaxCsvLength = 10_000_000;
/** The most data rows one CSV import may have. */
export const importMaxRows = 20_000;

/** CSV import: the file's text; `dryRun` previews without writing. */
export const ImportRequest = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(importMaxCsvLength, {
      message: 'the file is too large: import at most 10 million characters at a time',
    })
    .describe('the CSV file content, UTF-8 with or without BOM, comma or semicolon'),
  dryRun: z.boolean().default(true),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** One row's outcome in the import preview. */
export const ImportRowReport = z.object({
  line: z.number().int().describe('line number in the file, header is line 1'),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  name: z.string(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});

export const ImportReport = z.object({
  isValid: z.boolean(),
  isApplied: z.boolean(),
  separator: z.enum([',', ';']),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
  rows: z.array(ImportRowReport),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Export of the items matching the list filters, as a file that imports back unchanged. */
export const ExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  q: ItemListQuery.shape.q,
  kind: ItemListQuery.shape.kind,
  ownerTeamId: ItemListQuery.shape.ownerTeamId,
  criticality: ItemListQuery.shape.criticality,
  environment: ItemListQuery.shape.environment,
  tag: ItemListQuery.shape.tag,
});
export type ExportQuery = z.infer<typeof ExportQuery>;
