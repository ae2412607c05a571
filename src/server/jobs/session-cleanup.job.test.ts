import { expect, it } from 'vitest';
import { buildTestContext, createUserWithToken } from '../../../test/app';
import { describeEachDialect } from '../../../test/db';
import { insertSession } from '../features/auth/sessions.repository';
import { startSessionCleanup } from './session-cleanup.job';

describeEachDialect('expired session cleanup', (storage) => {
  it('deletes expired sessions at start and keeps live ones', async () => {
    const ctx = buildTestContext(storage());
    const { user } = await createUserWithToken(ctx, 'member');
    const now = ctx.now();
    await insertSession(ctx.db, {
      id: 'expired',
      userId: user.id,
      createdAt: now - 10_000,
      expiresAt: now - 1,
    });
    await insertSession(ctx.db, { id: 'live', userId: user.id, createdAt: now, expiresAt: now + 60_000 });
    const job = startSessionCleanup(ctx, 60_000);
    await job.stop();
    const left = await ctx.db.selectFrom('sessions').select('id').execute();
    expect(left.map((row) => row.id)).toEqual(['live']);
  });
});
