import { IncidentSettings } from '../../../shared/contracts/incidents';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { type AuditActor, recordChange } from '../audit/audit.service';
import { readSetting, writeSetting } from './incidents.repository';

const settingKey = 'incidents';
const defaults: IncidentSettings = { autoResolve: true };

/** How automatic incidents behave; the defaults until an admin changes them. */
export async function getIncidentSettings(db: Db): Promise<IncidentSettings> {
  const text = await readSetting(db, settingKey);
  if (text === undefined) return defaults;
  try {
    const parsed = IncidentSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

/** Changes the settings (admins; audited). Incidents already open keep their own `autoResolve`. */
export async function updateIncidentSettings(
  ctx: AppContext,
  actor: AuditActor,
  input: IncidentSettings,
): Promise<IncidentSettings> {
  const settings = IncidentSettings.parse(input);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getIncidentSettings(trx);
    await writeSetting(trx, settingKey, JSON.stringify(settings));
    await recordChange(ctx, trx, actor, {
      action: 'settings.incidents.update',
      entityType: 'settings',
      entityId: settingKey,
      before,
      after: settings,
    });
  });
  return settings;
}
