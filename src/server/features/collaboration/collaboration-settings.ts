import { CollaborationSettings } from '../../../shared/contracts/collaboration';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type AuditActor, recordChange } from '../audit/audit.service';

const settingKey = 'collaboration';
const defaults: CollaborationSettings = { emailChannelId: null, digestHour: 8 };

/** Which email channel carries personal email and when digests leave; defaults until an admin sets them. */
export async function getCollaborationSettings(db: Db): Promise<CollaborationSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', settingKey)
    .executeTakeFirst();
  if (!row) return defaults;
  try {
    const parsed = CollaborationSettings.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

/** Changes the settings (admins; audited); the named channel must exist and send email. */
export async function updateCollaborationSettings(
  ctx: AppContext,
  actor: AuditActor,
  input: CollaborationSettings,
): Promise<CollaborationSettings> {
  const settings = CollaborationSettings.parse(input);
  await ctx.db.transaction().execute(async (trx) => {
    if (settings.emailChannelId !== null) {
      const channel = await trx
        .selectFrom('notificationChannels')
        .select('kind')
        .where('id', '=', settings.emailChannelId)
        .executeTakeFirst();
      if (channel?.kind !== 'email') {
        throw appError('validation_failed', phrase('collaboration.chooseEmailChannel'), [
          { path: 'body.emailChannelId', message: phrase('collaboration.issueNotEmailChannel') },
        ]);
      }
    }
    const before = await getCollaborationSettings(trx);
    const value = JSON.stringify(settings);
    await trx
      .insertInto('settings')
      .values({ key: settingKey, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'settings.collaboration.update',
      entityType: 'settings',
      entityId: settingKey,
      before,
      after: settings,
    });
  });
  return settings;
}
