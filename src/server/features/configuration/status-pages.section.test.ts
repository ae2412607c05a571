import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { listStatusPages } from '../status-pages/status-pages.service';
import type { ConfigurationTarget } from './configuration.section';
import {
  applyConfiguration,
  exportConfiguration,
  formatPlan,
  planConfiguration,
  systemActor,
} from './configuration.service';
import { parseConfigurationYaml, stringifyConfiguration } from './configuration.yaml';

const yaml = String.raw;

function pagesText(order: [string, string]): string {
  return yaml`
apiVersion: regia/v1
items:
  - { name: sp erp, kind: businessService, criticality: 1 }
  - { name: sp mail, kind: saas, criticality: 2 }
statusPages:
  - slug: sp-public
    title: Servizi IT
    language: it
    published: true
    services:
      - { item: sp ${order[0]}, displayName: ${order[0] === 'erp' ? 'Gestionale' : 'Posta'} }
      - { item: sp ${order[1]}, displayName: ${order[1] === 'erp' ? 'Gestionale' : 'Posta'} }
`;
}

describeEachDialect('status pages as code', (storage) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await buildTestApp(storage()));
  });
  afterAll(() => app?.close());

  const local = (): ConfigurationTarget => ({ mode: 'local', ctx, actor: systemActor('cli') });
  const planOf = (text: string) => planConfiguration(local(), parseConfigurationYaml(text));

  it('creates a page with its services by item name, round-trips, and sees a new order as a change', async () => {
    await applyConfiguration(local(), await planOf(pagesText(['erp', 'mail'])));
    const [page] = (await listStatusPages(ctx, systemActor('test'))).rows;
    expect(page).toMatchObject({
      slug: 'sp-public',
      language: 'it',
      isPublished: true,
      services: [
        { itemName: 'sp erp', displayName: 'Gestionale', position: 0 },
        { itemName: 'sp mail', displayName: 'Posta', position: 1 },
      ],
    });
    const published = await app.inject({ url: '/api/v1/public/status-pages/sp-public' });
    expect(published.statusCode).toBe(200);

    const exported = stringifyConfiguration(await exportConfiguration(local()));
    const again = await planOf(exported);
    expect(again.counts.create + again.counts.update).toBe(0);

    const reordered = await planOf(pagesText(['mail', 'erp']));
    expect(formatPlan(reordered)).toContain('~ status page "sp-public": services');
    await applyConfiguration(local(), reordered);
    const [after] = (await listStatusPages(ctx, systemActor('test'))).rows;
    expect(after?.services.map((service) => service.displayName)).toEqual(['Posta', 'Gestionale']);
  });

  it('refuses unknown items and a bad slug before writing anything', async () => {
    const unknown = yaml`
apiVersion: regia/v1
statusPages:
  - { slug: sp-other, title: Other, services: [{ item: nothing here, displayName: X }] }
`;
    const error = await planOf(unknown).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(((error as AppError).details as { path: string }[])[0]?.path).toBe(
      'statusPages[0].services[0].item',
    );
    expect(() =>
      parseConfigurationYaml('apiVersion: regia/v1\nstatusPages:\n  - { slug: "bad/slug", title: X }\n'),
    ).toThrow();
  });
});
