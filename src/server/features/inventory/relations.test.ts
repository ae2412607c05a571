import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type {
  DependencyGraph,
  Impact,
  Item,
  ItemRelations,
  Relation,
} from '../../../shared/contracts/inventory';
import type { ErrorBody } from '../../../shared/errors';
import { buildInventoryWorld, buildItem, type Headers, postItem } from './inventory.test-support';
import { computeImpact, createRelation, listAllRelations } from './relations.service';

type World = Awaited<ReturnType<typeof buildInventoryWorld>>;

describeEachDialect('inventory relations, impact and the dependency map', (storage) => {
  let world: World;
  let app: FastifyInstance;
  let admin: Headers;
  let items: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'lone', Item>;

  const relate = (headers: Headers, sourceItemId: number, targetItemId: number, kind = 'dependsOn') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/relations',
      headers,
      payload: { sourceItemId, targetItemId, kind },
    });

  beforeAll(async () => {
    world = await buildInventoryWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
    const make = (name: string, criticality = 3) =>
      postItem(app, admin, buildItem({ name, criticality, ownerTeamId: world.ops.id }));
    items = {
      a: await make('A', 1),
      b: await make('B', 2),
      c: await make('C'),
      d: await make('D'),
      e: await make('E'),
      lone: await make('Lone'),
    };
    // A → B → C → A is a cycle; D runs on C; E only connects to C, which carries no failure.
    for (const [source, target, kind] of [
      ['a', 'b', 'dependsOn'],
      ['b', 'c', 'dependsOn'],
      ['c', 'a', 'dependsOn'],
      ['d', 'c', 'runsOn'],
      ['e', 'c', 'connectsTo'],
    ] as const) {
      expect((await relate(admin, items[source].id, items[target].id, kind)).statusCode).toBe(201);
    }
  });
  afterAll(() => app?.close());

  it('lists an item relations in both directions with the names of both ends', async () => {
    const response = await app.inject({
      url: `/api/v1/items/${items.c.id}/relations`,
      headers: world.users.auditor.headers,
    });
    const relations = json<ItemRelations>(response);
    expect(relations.outgoing.map((r) => [r.sourceName, r.kind, r.targetName])).toEqual([
      ['C', 'dependsOn', 'A'],
    ]);
    expect(relations.incoming.map((r) => [r.sourceName, r.kind, r.targetName])).toEqual([
      ['B', 'dependsOn', 'C'],
      ['D', 'runsOn', 'C'],
      ['E', 'connectsTo', 'C'],
    ]);
    expect((await app.inject({ url: '/api/v1/items/999999/relations', headers: admin })).statusCode).toBe(
      404,
    );
  });

  it('refuses self-relations, duplicates and unknown items with clear errors', async () => {
    const self = await relate(admin, items.a.id, items.a.id);
    expect(self.statusCode).toBe(400);
    expect(json<ErrorBody>(self).error).toMatchObject({
      code: 'validation_failed',
      message: 'An item cannot be related to itself',
    });
    const duplicate = await relate(admin, items.a.id, items.b.id);
    expect(duplicate.statusCode).toBe(409);
    expect(json<ErrorBody>(duplicate).error.message).toMatch(/already related/);
    const unknown = await relate(admin, items.a.id, 999_999);
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorBody>(unknown).error.details).toEqual([
      { path: 'body.targetItemId', message: 'no item with id 999999' },
    ]);
    expect((await relate(admin, items.a.id, items.b.id, 'ownedBy')).statusCode).toBe(400);
  });

  it('lets only those who may change the source item relate it, and audits relations', async () => {
    const foreign = await postItem(app, admin, buildItem({ ownerTeamId: world.net.id }));
    const member = world.users.member.headers;
    expect((await relate(member, foreign.id, items.lone.id)).statusCode).toBe(403);
    expect((await relate(world.users.auditor.headers, items.lone.id, foreign.id)).statusCode).toBe(403);
    const created = await relate(member, items.lone.id, foreign.id, 'connectsTo');
    expect(created.statusCode).toBe(201);
    const relation = json<Relation>(created);
    expect(relation).toMatchObject({ sourceName: 'Lone', targetItemId: foreign.id, kind: 'connectsTo' });

    const byManager = await relate(world.users.manager.headers, foreign.id, items.lone.id, 'connectsTo');
    const reverse = json<Relation>(byManager);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/relations/${reverse.id}`, headers: member }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/relations/${relation.id}`, headers: member }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/relations/${relation.id}`, headers: admin }))
        .statusCode,
    ).toBe(404);

    // Deleting an item takes its relations with it, and the audit record keeps them.
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/items/${foreign.id}`, headers: admin })).statusCode,
    ).toBe(200);
    const actions = await world.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'before'])
      .where((eb) => eb.or([eb('entityType', '=', 'relation'), eb('entityId', '=', String(foreign.id))]))
      .where('action', 'in', ['relation.create', 'relation.delete', 'item.delete'])
      .orderBy('id')
      .execute();
    expect(actions.slice(-4).map((entry) => entry.action)).toEqual([
      'relation.create',
      'relation.create',
      'relation.delete',
      'item.delete',
    ]);
    expect(JSON.parse(actions.at(-1)?.before ?? '{}').relations).toHaveLength(1);
    expect(
      (await listAllRelations(world.ctx, { userId: null, label: 'cli' })).some((r) => r.id === reverse.id),
    ).toBe(false);
  });

  it('walks the impact through a cycle, listing each dependant once with its depth', async () => {
    const response = await app.inject({
      url: `/api/v1/items/${items.c.id}/impact`,
      headers: world.users.member.headers,
    });
    expect(response.statusCode).toBe(200);
    const impact = json<Impact>(response);
    expect(impact.itemId).toBe(items.c.id);
    expect(impact.impacted.map((entry) => [entry.name, entry.depth])).toEqual([
      ['B', 1],
      ['D', 1],
      ['A', 2],
    ]);
    const ofLone = await computeImpact(world.ctx, { userId: null, label: 'cli' }, items.lone.id);
    expect(ofLone.impacted).toEqual([]);
    expect((await app.inject({ url: '/api/v1/items/999999/impact', headers: admin })).statusCode).toBe(404);
  });

  it('draws the map around an item up to the depth asked, and the whole inventory', async () => {
    const around = async (itemId: number, depth: number) => {
      const response = await app.inject({
        url: `/api/v1/relations/graph?itemId=${itemId}&depth=${depth}`,
        headers: admin,
      });
      expect(response.statusCode).toBe(200);
      const graph = json<DependencyGraph>(response);
      const nameOf = new Map(graph.nodes.map((node) => [node.id, node.name]));
      return {
        nodes: graph.nodes.map((node) => node.name).sort(),
        edges: graph.edges
          .map((edge) => `${nameOf.get(edge.source)}-${edge.kind}-${nameOf.get(edge.target)}`)
          .sort(),
      };
    };
    expect(await around(items.b.id, 1)).toEqual({
      nodes: ['A', 'B', 'C'],
      edges: ['A-dependsOn-B', 'B-dependsOn-C', 'C-dependsOn-A'],
    });
    expect((await around(items.b.id, 2)).nodes).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await around(items.lone.id, 3)).toEqual({ nodes: ['Lone'], edges: [] });

    const whole = json<DependencyGraph>(await app.inject({ url: '/api/v1/relations/graph', headers: admin }));
    expect(whole.nodes).toHaveLength(6);
    expect(whole.edges).toHaveLength(5);
    expect(whole.isTruncated).toBe(false);
    for (const query of ['depth=9', 'itemId=abc', 'itemId=1&colour=red']) {
      expect(
        (await app.inject({ url: `/api/v1/relations/graph?${query}`, headers: admin })).statusCode,
        query,
      ).toBe(400);
    }
    expect(
      (await app.inject({ url: '/api/v1/relations/graph?itemId=999999', headers: admin })).statusCode,
    ).toBe(404);
  });

  it('lets the CLI relate items through the service', async () => {
    const cli = { userId: null, label: 'cli' };
    const relation = await createRelation(world.ctx, cli, {
      sourceItemId: items.lone.id,
      targetItemId: items.a.id,
      kind: 'runsOn',
    });
    expect(relation).toMatchObject({ sourceName: 'Lone', targetName: 'A' });
    const impact = await computeImpact(world.ctx, cli, items.c.id);
    expect(impact.impacted.find((entry) => entry.name === 'Lone')?.depth).toBe(3);
  });
});
