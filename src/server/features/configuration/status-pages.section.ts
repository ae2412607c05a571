import type { StatusPage, StatusPageSpec } from '../../../shared/contracts/status-pages';
import { createStatusPage, listStatusPages, updateStatusPage } from '../status-pages/status-pages.service';
import {
  type ConfigurationSection,
  type ConfigurationTarget,
  listAllPages,
  listAllServicePages,
  planByKey,
  withoutDefaults,
} from './configuration.section';
import type { ConfigurationIssue } from './configuration.yaml';
import { listAllItems } from './items.section';

const fields = [
  'title',
  'description',
  'language',
  'published',
  'services',
] as const satisfies readonly (keyof StatusPageSpec)[];

const defaults: Partial<StatusPageSpec> = { description: '', language: 'en', published: false, services: [] };

async function listAllStatusPages(target: ConfigurationTarget): Promise<StatusPage[]> {
  if (target.mode === 'remote') return listAllPages<StatusPage>(target.api, '/status-pages');
  return listAllServicePages((page, pageSize) =>
    listStatusPages(target.ctx, target.actor, { page, pageSize }),
  );
}

function toSpec(page: StatusPage): StatusPageSpec {
  return {
    slug: page.slug,
    title: page.title,
    description: page.description,
    language: page.language,
    published: page.isPublished,
    services: page.services.map((service) => ({ item: service.itemName, displayName: service.displayName })),
  };
}

/** Public status pages by slug, their services by item name in the order shown. */
export const statusPagesSection: ConfigurationSection<StatusPageSpec> = {
  name: 'statusPages',
  label: 'status page',
  keyOf: (spec) => spec.slug,

  async exportSection(target) {
    return (await listAllStatusPages(target)).map(toSpec);
  },

  compact: (spec) => withoutDefaults(spec, defaults),

  planSection(desired, context) {
    const items = new Set([
      ...(context.current.items as { name: string }[]).map((item) => item.name),
      ...context.desired.items.map((item) => item.name),
    ]);
    const issues: ConfigurationIssue[] = [];
    desired.forEach((spec, index) => {
      const seen = new Set<string>();
      spec.services.forEach((service, at) => {
        const path = `statusPages[${index}].services[${at}].item`;
        if (!items.has(service.item)) issues.push({ path, line: null, message: `no item "${service.item}"` });
        if (seen.has(service.item))
          issues.push({ path, line: null, message: 'this item is on the page already' });
        seen.add(service.item);
      });
    });
    const current = context.current.statusPages as StatusPageSpec[];
    return { entries: planByKey(statusPagesSection, desired, current, fields), issues };
  },

  async applySection(entries, target) {
    const itemIds = new Map((await listAllItems(target)).map((item) => [item.name, item.id]));
    const pages = new Map((await listAllStatusPages(target)).map((page) => [page.slug, page]));
    for (const { action, key, desired } of entries) {
      if (action === 'unchanged') continue;
      const input = {
        slug: desired.slug,
        title: desired.title,
        description: desired.description,
        language: desired.language,
        isPublished: desired.published,
        services: desired.services.map((service) => {
          const itemId = itemIds.get(service.item);
          if (itemId === undefined) throw new Error(`item ${service.item} disappeared while applying`);
          return { itemId, displayName: service.displayName };
        }),
      };
      if (action === 'create') {
        if (target.mode === 'local') await createStatusPage(target.ctx, target.actor, input);
        else await target.api.send<StatusPage>('POST', '/status-pages', input);
        continue;
      }
      const page = pages.get(key);
      if (!page) throw new Error(`status page ${key} disappeared while applying`);
      const { slug: _slug, ...change } = input;
      if (target.mode === 'local') await updateStatusPage(target.ctx, target.actor, page.id, change);
      else await target.api.send<StatusPage>('PATCH', `/status-pages/${page.id}`, change);
    }
  },
};
