import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { Item, ItemPage, NewItemInput } from '../../../shared/contracts/inventory';
import type { ErrorBody } from '../../../shared/errors';
import { createItem, deleteItem, findItemByName, listItems } from './inventory.service';
import { buildInventoryWorld, buildItem, type Headers, postItem } from './inventory.test-support';

type World = Awaited<ReturnType<typeof buildInventoryWorld>>;

describeEachDialect('inventory items', (storage) => {
  let world: World;
  let app: FastifyInstance;
  let admin: Headers;
  beforeAll(async () => {
    world = await buildInventoryWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
  });
  afterAll(() => app?.close());

  const auditOf = (id: number) =>
    world.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after', 'actorLabel'])
      .where('entityType', '=', 'item')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();

  describe('create, get, update, delete', () => {
    it('keeps every field, deduplicates tags, stores attributes, and audits each change', async () => {
      const created = await postItem(
        app,
        admin,
        buildItem({
          name: '  mail-01 ',
          kind: 'virtualMachine',
          ownerTeamId: world.ops.id,
          criticality: 1,
          environment: 'production',
          vendor: 'VMware',
          warrantyEnd: '2027-12-31',
          purchaseCostCents: 123456,
          tags: ['mail', 'eu', 'mail'],
          attributes: { ram: 16, ha: true, os: 'Debian' },
        }),
      );
      expect(created).toMatchObject({
        name: 'mail-01',
        ownerTeamName: 'Ops',
        currency: 'EUR',
        tags: ['eu', 'mail'],
        attributes: { ram: 16, ha: true, os: 'Debian' },
      });
      const fetched = await app.inject({
        url: `/api/v1/items/${created.id}`,
        headers: world.users.auditor.headers,
      });
      expect(json(fetched)).toEqual(created);

      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${created.id}`,
        headers: admin,
        payload: { criticality: 2, tags: ['mail'], attributes: {} },
      });
      expect(patched.statusCode).toBe(200);
      expect(json(patched)).toMatchObject({
        criticality: 2,
        tags: ['mail'],
        attributes: {},
        vendor: 'VMware',
      });

      const deleted = await app.inject({
        method: 'DELETE',
        url: `/api/v1/items/${created.id}`,
        headers: admin,
      });
      expect(json(deleted)).toEqual({ ok: true });
      expect((await app.inject({ url: `/api/v1/items/${created.id}`, headers: admin })).statusCode).toBe(404);

      const audit = await auditOf(created.id);
      expect(audit.map((entry) => entry.action)).toEqual(['item.create', 'item.update', 'item.delete']);
      expect(JSON.parse(audit[1]?.before ?? '{}')).toMatchObject({ criticality: 1 });
      expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ criticality: 2 });
      expect(JSON.parse(audit[2]?.before ?? '{}')).toMatchObject({ name: 'mail-01', relations: [] });
      expect(audit[0]?.actorLabel).toBe(world.users.admin.user.email);
    });

    it('writes nothing and audits nothing for a change that changes nothing', async () => {
      const item = await postItem(app, admin, buildItem({ vendor: 'HPE' }));
      const same = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${item.id}`,
        headers: admin,
        payload: { vendor: 'HPE' },
      });
      expect(json(same)).toEqual(item);
      expect((await auditOf(item.id)).map((entry) => entry.action)).toEqual(['item.create']);
    });
  });

  describe('validation', () => {
    const post = (payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/items', headers: admin, payload: payload as object });

    it.each([
      ['an unknown field', { isAdmin: true }, 'body'],
      ['a wrong type', { criticality: 'high' }, 'body.criticality'],
      ['an out-of-range value', { criticality: 9 }, 'body.criticality'],
      ['an unknown kind', { kind: 'toaster' }, 'body.kind'],
      ['a day that does not exist', { endOfSupport: '2027-02-31' }, 'body.endOfSupport'],
      ['negative cents', { annualCostCents: -1 }, 'body.annualCostCents'],
      ['a tag with a pipe', { tags: ['a|b'] }, 'body.tags.0'],
      ['an empty name', { name: '   ' }, 'body.name'],
    ])('refuses %s with 400 validation_failed and the field', async (_what, change, path) => {
      const response = await post({ ...buildItem(), ...change });
      expect(response.statusCode).toBe(400);
      const body = json<ErrorBody>(response);
      expect(body.error.code).toBe('validation_failed');
      expect((body.error.details as { path: string }[]).map((detail) => detail.path)).toContain(path);
    });

    it('refuses an unknown owner team as a field error, not a server error', async () => {
      const response = await post(buildItem({ ownerTeamId: 999_999 }));
      expect(response.statusCode).toBe(400);
      expect(json<ErrorBody>(response).error).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'body.ownerTeamId' }],
      });
    });

    it('refuses a body that is not an object, a bad id and an unknown field on update', async () => {
      expect((await post([1, 2])).statusCode).toBe(400);
      expect((await app.inject({ url: '/api/v1/items/abc', headers: admin })).statusCode).toBe(400);
      const item = await postItem(app, admin, buildItem());
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${item.id}`,
        headers: admin,
        payload: { id: 1 },
      });
      expect(patch.statusCode).toBe(400);
      const attributes = Object.fromEntries(
        Array.from({ length: 101 }, (_, index) => [`key${index}`, index]),
      );
      const tooMany = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${item.id}`,
        headers: admin,
        payload: { attributes },
      });
      expect(json<ErrorBody>(tooMany).error).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'body.attributes' }],
      });
      const missing = await app.inject({
        method: 'PATCH',
        url: '/api/v1/items/999999',
        headers: admin,
        payload: { vendor: 'x' },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('answers 409 for a name in use, on create and on rename', async () => {
      const first = await postItem(app, admin, buildItem({ name: 'unique-name' }));
      const second = await postItem(app, admin, buildItem());
      const duplicate = await post(buildItem({ name: 'unique-name' }));
      expect(duplicate.statusCode).toBe(409);
      expect(json<ErrorBody>(duplicate).error).toMatchObject({
        code: 'conflict',
        details: [{ path: 'body.name' }],
      });
      const rename = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${second.id}`,
        headers: admin,
        payload: { name: first.name },
      });
      expect(rename.statusCode).toBe(409);
    });
  });

  describe('list', () => {
    const prefix = `list-${Date.now()}`;
    beforeAll(async () => {
      const items: Partial<NewItemInput>[] = [
        {
          name: `${prefix}-alpha`,
          kind: 'server',
          criticality: 2,
          vendor: 'Dell',
          location: 'Milano',
          tags: ['rack1'],
        },
        {
          name: `${prefix}-bravo`,
          kind: 'database',
          criticality: 1,
          description: 'Billing 100% critical',
          endOfSupport: '2026-01-01',
        },
        {
          name: `${prefix}-charlie`,
          kind: 'server',
          criticality: 4,
          environment: 'test',
          endOfSupport: '2025-01-01',
        },
        {
          name: `${prefix}-delta`,
          kind: 'saas',
          criticality: 3,
          ownerTeamId: world.net.id,
          tags: ['rack1', 'eu'],
        },
      ];
      for (const item of items) await postItem(app, admin, buildItem(item));
    });
    const list = async (query: string) => {
      const response = await app.inject({
        url: `/api/v1/items?${query}`,
        headers: world.users.member.headers,
      });
      expect(response.statusCode).toBe(200);
      const page = json<ItemPage>(response);
      return { ...page, names: page.rows.map((row) => row.name.slice(prefix.length + 1)) };
    };

    it('searches name, description, vendor and location without regard to case', async () => {
      expect((await list(`q=${prefix.toUpperCase()}`)).total).toBe(4);
      expect((await list(`q=DELL`)).names).toEqual(['alpha']);
      expect((await list('q=milano')).names).toEqual(['alpha']);
      expect((await list(`q=${encodeURIComponent('100%')}`)).names).toEqual(['bravo']);
      // LIKE wildcards in the search are literal characters.
      expect((await list(`q=${encodeURIComponent(`${prefix}%charlie`)}`)).total).toBe(0);
      expect((await list(`q=${encodeURIComponent(`${prefix}_alpha`)}`)).total).toBe(0);
    });

    it('filters by kind, owner team, criticality, environment and tag', async () => {
      expect((await list(`q=${prefix}&kind=server`)).names).toEqual(['alpha', 'charlie']);
      expect((await list(`q=${prefix}&ownerTeamId=${world.net.id}`)).names).toEqual(['delta']);
      expect((await list(`q=${prefix}&criticality=1`)).names).toEqual(['bravo']);
      expect((await list(`q=${prefix}&environment=test`)).names).toEqual(['charlie']);
      expect((await list(`q=${prefix}&tag=rack1`)).names).toEqual(['alpha', 'delta']);
      expect((await list(`q=${prefix}&tag=rack1&kind=saas`)).names).toEqual(['delta']);
    });

    it('sorts by allowed fields, end of support last when missing, and pages with a total', async () => {
      expect((await list(`q=${prefix}&sort=criticality&direction=desc`)).names).toEqual([
        'charlie',
        'delta',
        'alpha',
        'bravo',
      ]);
      expect((await list(`q=${prefix}&sort=endOfSupport`)).names).toEqual([
        'charlie',
        'bravo',
        'alpha',
        'delta',
      ]);
      expect((await list(`q=${prefix}&sort=endOfSupport&direction=desc`)).names.slice(0, 2)).toEqual([
        'bravo',
        'charlie',
      ]);
      const second = await list(`q=${prefix}&pageSize=3&page=2`);
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3, names: ['delta'] });
    });

    it('refuses sort fields and page sizes outside the allow-list', async () => {
      for (const query of ['sort=attributes', 'pageSize=1000', 'page=0', 'kind=toaster', 'colour=red']) {
        const response = await app.inject({ url: `/api/v1/items?${query}`, headers: admin });
        expect(response.statusCode, query).toBe(400);
      }
    });
  });

  describe('rights', () => {
    it('lets a member change their own team items only', async () => {
      const member = world.users.member.headers;
      const own = await postItem(app, member, buildItem({ ownerTeamId: world.ops.id }));
      const foreign = await postItem(app, admin, buildItem({ ownerTeamId: world.net.id, vendor: 'before' }));
      const unowned = await postItem(app, admin, buildItem());

      const forOtherTeam = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: member,
        payload: buildItem({ ownerTeamId: world.net.id }),
      });
      expect(forOtherTeam.statusCode).toBe(403);
      const forNoTeam = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: member,
        payload: buildItem(),
      });
      expect(forNoTeam.statusCode).toBe(403);

      for (const target of [foreign, unowned]) {
        const change = await app.inject({
          method: 'PATCH',
          url: `/api/v1/items/${target.id}`,
          headers: member,
          payload: { vendor: 'after' },
        });
        expect(change.statusCode).toBe(403);
        expect(json<ErrorBody>(change).error.code).toBe('forbidden');
        const removal = await app.inject({
          method: 'DELETE',
          url: `/api/v1/items/${target.id}`,
          headers: member,
        });
        expect(removal.statusCode).toBe(403);
      }
      expect(
        json<Item>(await app.inject({ url: `/api/v1/items/${foreign.id}`, headers: member })).vendor,
      ).toBe('before');

      const giveAway = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${own.id}`,
        headers: member,
        payload: { ownerTeamId: world.net.id },
      });
      expect(giveAway.statusCode).toBe(403);
      const change = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${own.id}`,
        headers: member,
        payload: { vendor: 'ours' },
      });
      expect(change.statusCode).toBe(200);
      const lead = await app.inject({
        method: 'DELETE',
        url: `/api/v1/items/${own.id}`,
        headers: world.users.lead.headers,
      });
      expect(lead.statusCode).toBe(200);
    });

    it('lets a manager change any item, and refuses auditors, requesters and anonymous callers', async () => {
      const foreign = await postItem(app, admin, buildItem({ ownerTeamId: world.net.id }));
      const byManager = await app.inject({
        method: 'PATCH',
        url: `/api/v1/items/${foreign.id}`,
        headers: world.users.manager.headers,
        payload: { ownerTeamId: null },
      });
      expect(byManager.statusCode).toBe(200);
      const auditor = world.users.auditor.headers;
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/items', headers: auditor, payload: buildItem() }))
          .statusCode,
      ).toBe(403);
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/v1/items/${foreign.id}`, headers: auditor }))
          .statusCode,
      ).toBe(403);
      expect((await app.inject({ url: '/api/v1/items', headers: auditor })).statusCode).toBe(200);
      expect(
        (await app.inject({ url: '/api/v1/items', headers: world.users.requester.headers })).statusCode,
      ).toBe(403);
      expect((await app.inject({ url: '/api/v1/items' })).statusCode).toBe(401);
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/items', payload: buildItem() })).statusCode,
      ).toBe(401);
    });

    it('lets Regia itself (the CLI) do everything through the service functions', async () => {
      const cli = { userId: null, label: 'cli' };
      const item = await createItem(
        world.ctx,
        cli,
        buildItem({ ownerTeamId: world.net.id, name: 'from-cli' }),
      );
      expect(await findItemByName(world.ctx, cli, 'from-cli')).toEqual(item);
      expect((await listItems(world.ctx, cli, { q: 'from-cli' })).total).toBe(1);
      await deleteItem(world.ctx, cli, item.id);
      expect(await findItemByName(world.ctx, cli, 'from-cli')).toBeNull();
      // A user id without a role cannot be checked, so it is refused.
      await expect(createItem(world.ctx, { userId: 1, label: 'who' }, buildItem())).rejects.toMatchObject({
        code: 'forbidden',
      });
    });
  });
});
