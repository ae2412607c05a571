import { z } from 'zod';

const Cidr = z
  .string()
  .trim()
  .max(50)
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, { message: 'an address range such as 10.20.0.0/16 or fd00::/8' });

/**
 * Where outbound connections may go, beyond the defaults: probes reach loopback and private ranges
 * but never link-local or cloud-metadata addresses; webhooks reach public addresses only.
 */
export const OutboundPolicySettings = z.strictObject({
  probes: z.strictObject({
    allowLinkLocal: z
      .boolean()
      .default(false)
      .describe('let probes reach 169.254/16, fe80::/10 and cloud-metadata addresses'),
    allowedCidrs: z
      .array(Cidr)
      .max(100)
      .default([])
      .describe('ranges probes may reach even if refused by default'),
    deniedCidrs: z.array(Cidr).max(100).default([]).describe('ranges probes must never reach'),
  }),
  webhooks: z.strictObject({
    allowedCidrs: z
      .array(Cidr)
      .max(100)
      .default([])
      .describe('private ranges notification webhooks may reach (e.g. an internal chat server)'),
  }),
});
export type OutboundPolicySettings = z.infer<typeof OutboundPolicySettings>;
