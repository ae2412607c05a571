import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ActivityPage } from '../../../shared/contracts/collaboration';
import { buildWorkWorld, postWorkItem, type WorkWorld } from '../work-items/work-items.test-support';
import { listStateRows } from '../workflows/workflows.repository';

describeEachDialect('activity feeds in words', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
  });
  afterAll(async () => {
    await world?.close();
  });

  it('names the states, people and parents that audit entries hold as ids', async () => {
    const { app, users, ops, ctx } = world;
    const project = await postWorkItem(app, users.lead.headers, {
      teamId: ops.id,
      type: 'project',
      title: 'DR site',
    });
    const task = await postWorkItem(app, users.lead.headers, { teamId: ops.id, title: 'Copy the backups' });
    const states = await listStateRows(ctx.db, ops.id);
    const target = states[1] as (typeof states)[number];
    const patch = (url: string, payload: Record<string, number>) =>
      app.inject({
        method: url.endsWith('/move') ? 'POST' : 'PATCH',
        url,
        headers: users.lead.headers,
        payload,
      });
    expect(
      (
        await patch(`/api/v1/work-items/${task.id}`, {
          assigneeId: users.member.user.id,
          parentId: project.id,
        })
      ).statusCode,
    ).toBe(200);
    const moved = await patch(`/api/v1/work-items/${task.id}/move`, { stateId: target.id });
    expect(moved.statusCode).toBe(200);

    const feed = json<ActivityPage>(
      await app.inject({
        method: 'GET',
        url: `/api/v1/activity?entityType=workItem&entityId=${task.id}`,
        headers: users.auditor.headers,
      }),
    );
    const [move, update, create] = feed.rows;
    expect(move?.action).toBe('workItem.move');
    // Only the state changed: its name is given, and the derived category is left out.
    expect(move?.changes).toEqual([
      expect.objectContaining({ field: 'stateId', after: target.id, afterLabel: target.name }),
    ]);
    expect(move?.changes[0]?.beforeLabel).toBe(states[0]?.name);
    // An update lists what it wrote, not every other field of the row as emptied.
    expect(update?.changes.map((change) => change.field).sort()).toEqual(['assigneeId', 'parentId']);
    expect(update?.changes).toContainEqual(
      expect.objectContaining({ field: 'assigneeId', afterLabel: users.member.user.name }),
    );
    expect(update?.changes).toContainEqual(
      expect.objectContaining({ field: 'parentId', afterLabel: `#${project.id} DR site` }),
    );
    expect(create?.action).toBe('workItem.create');
    expect(create?.changes).toContainEqual(expect.objectContaining({ field: 'teamId', afterLabel: 'Ops' }));
    expect(feed.rows.every((row) => row.entityTitle === null)).toBe(true);
    // The person is named as they are called now, not by the email the audit log keeps.
    expect(move?.actorLabel).toBe(users.lead.user.name);
  });

  it('names both ends of a dependency and what a link points to', async () => {
    const { app, users, ops } = world;
    const first = await postWorkItem(app, users.lead.headers, { teamId: ops.id, title: 'Order the disks' });
    const second = await postWorkItem(app, users.lead.headers, { teamId: ops.id, title: 'Swap the disks' });
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${second.id}/blocked-by`,
      headers: users.lead.headers,
      payload: { blockerId: first.id },
    });
    expect(added.statusCode).toBe(200);
    const feed = json<ActivityPage>(
      await app.inject({
        method: 'GET',
        url: `/api/v1/activity?entityType=workItem&entityId=${second.id}`,
        headers: users.lead.headers,
      }),
    );
    expect(feed.rows[0]?.action).toBe('workItem.dependency.create');
    expect(feed.rows[0]?.changes).toContainEqual(
      expect.objectContaining({ field: 'blockerId', afterLabel: `#${first.id} Order the disks` }),
    );
  });

  it("names each entry's entity and its page in the team feed", async () => {
    const { app, users, ops } = world;
    const item = await postWorkItem(app, users.lead.headers, {
      teamId: ops.id,
      title: 'Renew the certificate',
    });
    const feed = json<ActivityPage>(
      await app.inject({
        method: 'GET',
        url: `/api/v1/activity/teams/${ops.id}`,
        headers: users.member.headers,
      }),
    );
    expect(feed.rows[0]).toMatchObject({
      entityType: 'workItem',
      entityId: String(item.id),
      entityTitle: 'Renew the certificate',
      entityLink: `/work-items/${item.id}`,
    });
  });
});
