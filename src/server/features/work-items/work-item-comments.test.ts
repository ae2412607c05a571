import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { CommentPage } from '../../../shared/contracts/collaboration';
import { buildWorkWorld, postWorkItem, type WorkWorld } from './work-items.test-support';

describeEachDialect('comments on work items', (storage) => {
  let world: WorkWorld;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
  });
  afterAll(() => world?.close());

  it('lets the team comment and mention, others in other roles read, and tells the one mentioned', async () => {
    const { app, users } = world;
    const item = await postWorkItem(app, users.member.headers, {
      teamId: world.ops.id,
      title: 'Patch the firewall',
    });
    const comment = (headers: Record<string, string>, body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        headers,
        payload: { entityType: 'workItem', entityId: item.id, body },
      });
    const handle = users.lead.user.email.split('@')[0];
    expect((await comment(users.member.headers, `Done on fw-01, @${handle} please check`)).statusCode).toBe(
      201,
    );
    // Auditors read work but never comment; the requester cannot read it at all.
    expect((await comment(users.auditor.headers, 'looks fine')).statusCode).toBe(403);
    expect((await comment(users.requester.headers, 'hello')).statusCode).toBe(403);
    const thread = json<CommentPage>(
      await app.inject({
        url: `/api/v1/comments?entityType=workItem&entityId=${item.id}`,
        headers: users.auditor.headers,
      }),
    );
    expect(thread.rows.map((row) => row.body)).toEqual([`Done on fw-01, @${handle} please check`]);
    const inbox = json<{ rows: { entityType: string; entityId: number; kind: string }[] }>(
      await app.inject({ url: '/api/v1/me/notifications', headers: users.lead.headers }),
    );
    expect(inbox.rows).toContainEqual(
      expect.objectContaining({ kind: 'mention', entityType: 'workItem', entityId: item.id }),
    );
    // An item that does not exist is a 404, not a thread.
    const missing = await app.inject({
      url: '/api/v1/comments?entityType=workItem&entityId=999999',
      headers: users.admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
