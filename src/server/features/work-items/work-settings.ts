import { WorkSettings } from '../../../shared/contracts/work-items';
import { localDateOf } from '../../../shared/domain/calendar-dates';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { readSetting, writeSetting } from './work-items.repository';

const settingKey = 'work';
const defaults: WorkSettings = { dueSoonDays: 3 };

/** The deadline settings; the defaults until an admin changes them. */
export async function getWorkSettings(db: Db): Promise<WorkSettings> {
  const text = await readSetting(db, settingKey);
  if (text === undefined) return defaults;
  try {
    const parsed = WorkSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

/** Changes the deadline settings (admins; audited). */
export async function updateWorkSettings(
  ctx: AppContext,
  actor: AuditActor,
  input: WorkSettings,
): Promise<WorkSettings> {
  const settings = WorkSettings.parse(input);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getWorkSettings(trx);
    await writeSetting(trx, settingKey, JSON.stringify(settings));
    await recordChange(ctx, trx, actor, {
      action: 'settings.work.update',
      entityType: 'settings',
      entityId: settingKey,
      before,
      after: settings,
    });
  });
  return settings;
}

/** Today in the organisation's timezone and the due-soon window: what deadline filters read. */
export async function deadlineContext(ctx: AppContext): Promise<{ today: string; dueSoonDays: number }> {
  const { dueSoonDays } = await getWorkSettings(ctx.db);
  return { today: localDateOf(ctx.now(), ctx.config.timezone), dueSoonDays };
}
