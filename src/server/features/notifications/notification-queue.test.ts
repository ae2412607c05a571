import { expect, it } from 'vitest';
import { buildTestContext } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import { createTeam } from '../teams/teams.service';
import { updateChannel } from './channels.service';
import { buildEvent, createRuleFor, createWebhookChannel, queue, system } from './notifications.test-support';

describeEachDialect(
  'queueing notifications by rule',
  (storage) => {
    const outboxOf = async (channelId: number) => {
      const ctx = buildTestContext(storage());
      return ctx.db
        .selectFrom('notificationOutbox')
        .select(['eventKind', 'idempotencyKey', 'status'])
        .where('channelId', '=', channelId)
        .execute();
    };

    it('queues an event for the channels of matching rules only: kind, severity and team', async () => {
      const ctx = buildTestContext(storage());
      const ops = await createTeam(ctx, system, { name: `ops-${Date.now()}`, description: '' });
      const net = await createTeam(ctx, system, { name: `net-${Date.now()}`, description: '' });
      const [all, opsOnly, severe, upOnly] = await Promise.all(
        ['all', 'ops', 'severe', 'up'].map(() => createWebhookChannel(ctx, 'https://hooks.example.com/x')),
      );
      await createRuleFor(ctx, [all!.id]);
      await createRuleFor(ctx, [opsOnly!.id], { teamIds: [ops.id] });
      await createRuleFor(ctx, [severe!.id], { maxSeverity: 1 });
      await createRuleFor(ctx, [upOnly!.id], { events: ['check.up'] });

      const opsDown = buildEvent({ teamId: ops.id, severity: 2 });
      expect(await queue(ctx, opsDown)).toBe(2);
      expect(await queue(ctx, buildEvent({ teamId: net.id, severity: 1 }))).toBe(2);
      expect(await queue(ctx, buildEvent({ kind: 'check.up', teamId: null, severity: 4 }))).toBe(2);

      expect((await outboxOf(all!.id)).length).toBe(3);
      expect((await outboxOf(opsOnly!.id)).map((row) => row.idempotencyKey)).toEqual([opsDown.key]);
      expect((await outboxOf(severe!.id)).length).toBe(1);
      expect((await outboxOf(upOnly!.id)).map((row) => row.eventKind)).toEqual(['check.up']);
    });

    it('queues an event once per channel, however often it is replayed, and skips disabled channels and rules', async () => {
      const ctx = buildTestContext(storage());
      const [twice, disabled] = await Promise.all([
        createWebhookChannel(ctx, 'https://hooks.example.com/a'),
        createWebhookChannel(ctx, 'https://hooks.example.com/b'),
      ]);
      // Two rules naming one channel still make one row; a disabled rule makes none.
      await createRuleFor(ctx, [twice!.id, disabled!.id]);
      await createRuleFor(ctx, [twice!.id]);
      const off = await createWebhookChannel(ctx, 'https://hooks.example.com/c');
      await createRuleFor(ctx, [off.id], { isEnabled: false });
      await updateChannel(ctx, system, disabled!.id, { isEnabled: false });

      const event = buildEvent();
      expect(await queue(ctx, event)).toBe(1);
      expect(await queue(ctx, event)).toBe(0);
      expect(await outboxOf(twice!.id)).toEqual([
        { eventKind: 'check.down', idempotencyKey: event.key, status: 'pending' },
      ]);
      expect(await outboxOf(disabled!.id)).toEqual([]);
      expect(await outboxOf(off.id)).toEqual([]);
    });

    it('queues nothing, and rolls back with the fact, when the transaction fails', async () => {
      const ctx = buildTestContext(storage());
      const channel = await createWebhookChannel(ctx, 'https://hooks.example.com/d');
      await createRuleFor(ctx, [channel.id]);
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          const { queueNotification } = await import('./notification-queue');
          await queueNotification(trx, buildEvent(), ctx.now());
          throw new Error('the fact was not recorded');
        }),
      ).rejects.toThrow('the fact was not recorded');
      expect(await outboxOf(channel.id)).toEqual([]);
    });
  },
  { fresh: true },
);
