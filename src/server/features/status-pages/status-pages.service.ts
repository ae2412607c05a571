import type { z } from 'zod';
import {
  NewStatusPage,
  type NewStatusPageInput,
  type PublicStatusPage,
  type StatusPage,
  type StatusPageLanguage,
  StatusPageListQuery,
  type StatusPagePage,
  UpdateStatusPage,
} from '../../../shared/contracts/status-pages';
import type { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError, notFound } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import { isUniqueViolation } from '../inventory/inventory.repository';
import { buildPublicView } from './status-page-view';
import {
  assertCanManageStatusPages,
  assertCanReadStatusPages,
  type StatusPageActor,
} from './status-pages.policy';
import {
  deletePageRow,
  findPageRow,
  findPageRowBySlug,
  insertPageRow,
  listExistingItemIds,
  listPageRows,
  listServiceRows,
  type PageServiceRow,
  replaceServiceRows,
  type StatusPageRow,
  updatePageRow,
} from './status-pages.repository';

function toStatusPage(row: StatusPageRow, services: readonly PageServiceRow[]): StatusPage {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    language: row.language as StatusPageLanguage,
    isPublished: Boolean(row.isPublished),
    services: services
      .filter((service) => service.pageId === row.id)
      .map(({ itemId, itemName, displayName, position }) => ({ itemId, itemName, displayName, position })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function loadPage(db: Db, id: number) {
  const row = await findPageRow(db, id);
  if (!row) throw notFound('statusPage');
  const services = await listServiceRows(db, [id]);
  return { row, services, page: toStatusPage(row, services) };
}

function slugTaken(slug: string): AppError {
  return appError('conflict', phrase('statusPages.slugUsed', { slug }), [
    { path: 'body.slug', message: phrase('statusPages.issueSlugUsed') },
  ]);
}

async function withSlugConflict<T>(slug: string | undefined, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (slug !== undefined && isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

/** Refuses services on unknown items, and the same item twice. */
async function assertServicesValid(db: Db, services: readonly { itemId: number }[]): Promise<void> {
  const ids = services.map((service) => service.itemId);
  const existing = await listExistingItemIds(db, ids);
  const issues = services.flatMap((service, index) => [
    ...(existing.has(service.itemId)
      ? []
      : [
          {
            path: `body.services.${index}.itemId`,
            message: phrase('issue.noItemWithId', { id: service.itemId }),
          },
        ]),
    ...(ids.indexOf(service.itemId) !== index
      ? [{ path: `body.services.${index}.itemId`, message: phrase('statusPages.issueItemOnPage') }]
      : []),
  ]);
  if (issues.length > 0) throw appError('validation_failed', phrase('statusPages.servicesInvalid'), issues);
}

/** One page of status pages, by slug. */
export async function listStatusPages(
  ctx: AppContext,
  actor: StatusPageActor,
  query: z.input<typeof StatusPageListQuery> = {},
): Promise<StatusPagePage> {
  assertCanReadStatusPages(actor);
  const { page, pageSize } = parseInput(StatusPageListQuery, query, 'querystring');
  const { rows, total } = await listPageRows(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize });
  const services = await listServiceRows(
    ctx.db,
    rows.map((row) => row.id),
  );
  return { rows: rows.map((row) => toStatusPage(row, services)), total, page, pageSize };
}

/** One status page with its services; 404 when there is none. */
export async function getStatusPage(
  ctx: AppContext,
  actor: StatusPageActor,
  id: number,
): Promise<StatusPage> {
  assertCanReadStatusPages(actor);
  return (await loadPage(ctx.db, id)).page;
}

/** Creates a page (unpublished unless said otherwise); audited. */
export async function createStatusPage(
  ctx: AppContext,
  actor: StatusPageActor,
  input: NewStatusPageInput,
): Promise<StatusPage> {
  assertCanManageStatusPages(actor);
  const page = parseInput(NewStatusPage, input, 'body');
  const now = ctx.now();
  return withSlugConflict(page.slug, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (await findPageRowBySlug(trx, page.slug)) throw slugTaken(page.slug);
      await assertServicesValid(trx, page.services);
      const id = await insertPageRow(trx, {
        slug: page.slug,
        title: page.title,
        description: page.description,
        language: page.language,
        isPublished: page.isPublished ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      });
      await replaceServiceRows(trx, id, page.services);
      const created = (await loadPage(trx, id)).page;
      await recordChange(ctx, trx, actor, {
        action: 'statusPage.create',
        entityType: 'statusPage',
        entityId: id,
        after: created,
      });
      return created;
    }),
  );
}

/** Changes a page; services given replace the list. A change that changes nothing is not written. */
export async function updateStatusPage(
  ctx: AppContext,
  actor: StatusPageActor,
  id: number,
  input: z.input<typeof UpdateStatusPage>,
): Promise<StatusPage> {
  assertCanManageStatusPages(actor);
  const change = parseInput(UpdateStatusPage, input, 'body');
  return withSlugConflict(change.slug, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = (await loadPage(trx, id)).page;
      const values: Partial<StatusPageRow> = {};
      if (change.slug !== undefined && change.slug !== before.slug) {
        const other = await findPageRowBySlug(trx, change.slug);
        if (other && other.id !== id) throw slugTaken(change.slug);
        values.slug = change.slug;
      }
      if (change.title !== undefined && change.title !== before.title) values.title = change.title;
      if (change.description !== undefined && change.description !== before.description) {
        values.description = change.description;
      }
      if (change.language !== undefined && change.language !== before.language) {
        values.language = change.language;
      }
      if (change.isPublished !== undefined && change.isPublished !== before.isPublished) {
        values.isPublished = change.isPublished ? 1 : 0;
      }
      const currentServices = before.services.map(({ itemId, displayName }) => ({ itemId, displayName }));
      const servicesChanged =
        change.services !== undefined && JSON.stringify(change.services) !== JSON.stringify(currentServices);
      if (Object.keys(values).length === 0 && !servicesChanged) return before;
      if (servicesChanged && change.services) {
        await assertServicesValid(trx, change.services);
        await replaceServiceRows(trx, id, change.services);
      }
      await updatePageRow(trx, id, { ...values, updatedAt: ctx.now() });
      const after = (await loadPage(trx, id)).page;
      await recordChange(ctx, trx, actor, {
        action: 'statusPage.update',
        entityType: 'statusPage',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

/** Deletes a page; its public address answers 404 at once. */
export async function deleteStatusPage(ctx: AppContext, actor: StatusPageActor, id: number): Promise<void> {
  assertCanManageStatusPages(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await loadPage(trx, id)).page;
    await deletePageRow(trx, id);
    await recordChange(ctx, trx, actor, {
      action: 'statusPage.delete',
      entityType: 'statusPage',
      entityId: id,
      before,
    });
  });
}

/** What the public would see of a page, published or not, for its editors. */
export async function previewStatusPage(
  ctx: AppContext,
  actor: StatusPageActor,
  id: number,
): Promise<PublicStatusPage> {
  assertCanReadStatusPages(actor);
  const { row, services } = await loadPage(ctx.db, id);
  return buildPublicView(ctx, row, services);
}

/**
 * The public view of a published page. An unknown slug and an unpublished page answer the same 404,
 * so the public learns nothing of pages in preparation.
 */
export async function getPublicStatusPage(ctx: AppContext, slug: string): Promise<PublicStatusPage> {
  const row = await findPageRowBySlug(ctx.db, slug.trim().toLowerCase());
  if (!row?.isPublished) throw notFound('statusPage');
  const services = await listServiceRows(ctx.db, [row.id]);
  return buildPublicView(ctx, row, services);
}
