import { OutboundPolicySettings } from '../../../shared/contracts/settings';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';
import { type AddressPolicy, isValidCidr, probePolicy, webhookPolicy } from '../../net/address-policy';
import { type AuditActor, recordChange } from '../audit/audit.service';

const settingKey = 'outboundPolicy';
export const defaultOutboundPolicy: OutboundPolicySettings = OutboundPolicySettings.parse({
  probes: {},
  webhooks: {},
});

/** The admin's outbound policy, or the defaults. */
export async function getOutboundPolicy(db: Db): Promise<OutboundPolicySettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', settingKey)
    .executeTakeFirst();
  if (!row) return defaultOutboundPolicy;
  const parsed = OutboundPolicySettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaultOutboundPolicy;
}

/** The address policy probes run under. */
export function probePolicyOf(settings: OutboundPolicySettings): AddressPolicy {
  return { ...probePolicy, ...settings.probes };
}

/** The address policy notification webhooks run under. */
export function webhookPolicyOf(settings: OutboundPolicySettings): AddressPolicy {
  return { ...webhookPolicy, allowedCidrs: settings.webhooks.allowedCidrs };
}

/** Changes the policy (admins): audited, and runners pick it up at once. */
export async function updateOutboundPolicy(
  ctx: AppContext,
  actor: AuditActor,
  input: OutboundPolicySettings,
): Promise<OutboundPolicySettings> {
  const ranges = [
    ...input.probes.allowedCidrs.map((cidr, i) => [`body.probes.allowedCidrs.${i}`, cidr] as const),
    ...input.probes.deniedCidrs.map((cidr, i) => [`body.probes.deniedCidrs.${i}`, cidr] as const),
    ...input.webhooks.allowedCidrs.map((cidr, i) => [`body.webhooks.allowedCidrs.${i}`, cidr] as const),
  ];
  const invalid = ranges.filter(([, cidr]) => !isValidCidr(cidr));
  if (invalid.length > 0) {
    throw appError(
      'validation_failed',
      phrase('settings.rangesInvalid'),
      invalid.map(([path]) => ({ path, message: phrase('settings.issueRangeInvalid') })),
    );
  }
  const before = await getOutboundPolicy(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: settingKey, value: JSON.stringify(input) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input) }))
      .execute();
    await recordChange(ctx, trx, actor, {
      action: 'settings.outboundPolicy.update',
      entityType: 'settings',
      entityId: settingKey,
      before,
      after: input,
    });
  });
  ctx.events.emit('settings.outboundPolicyChanged', { policy: input });
  return input;
}
