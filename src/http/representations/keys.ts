import { z } from 'zod';
import { creditsRemainingAt } from '../../core/credits.ts';
import type { ApiKey } from '../../store/index.ts';
import { modeSchema, nullableTimestamp, timestamp, toIso } from '../schemas.ts';

/** What a key list can be narrowed by: the list route's query and `keys list`'s flags. */
export const keyListFilters = {
  status: z.enum(['active', 'expired', 'revoked']).optional().describe('As the `status` field shows it'),
  mode: modeSchema.optional(),
  type: z.enum(['secret', 'restricted']).optional(),
  appId: z.string().min(1).max(64).optional().describe('Only the keys of this app'),
  namePrefix: z.string().min(1).max(200).optional().describe('Names starting with this, case-sensitive'),
};

/** An API key as the management API and the CLI's `--json` show it: never its secret, once issued. */
export const keySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  mode: modeSchema,
  type: z.enum(['secret', 'restricted']),
  appId: z.string().nullable().describe("The tenant's app (integration) the key serves; null for none"),
  scopes: z.array(z.string()).nullable().describe('Listed scopes of a restricted key; null for a secret key'),
  ipAllowlist: z.array(z.string()).nullable(),
  displayPrefix: z.string().describe('The first 12 characters of the key, safe to show'),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: timestamp,
  lastUsedAt: nullableTimestamp,
  expiresAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
  previousSecretExpiresAt: nullableTimestamp.describe(
    'When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled',
  ),
  meta: z.record(z.string(), z.unknown()).nullable().describe('A JSON object verify returns with the key'),
  externalId: z.string().nullable().describe("The platform's own id of the key's owner or customer"),
  rateLimit: z
    .object({ requestsPerMinute: z.number().int() })
    .nullable()
    .describe("This key's rate instead of the plan's; null: the plan's"),
  credits: z
    .object({
      remaining: z.number().int(),
      refill: z.object({ amount: z.number().int(), interval: z.enum(['day', 'month']) }).nullable(),
    })
    .nullable()
    .describe(
      'Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted',
    ),
});

export const issuedKeySchema = keySchema.extend({
  key: z.string().describe('The plaintext key. Shown once, in this response only.'),
});

export function presentKey(key: ApiKey, now: number): z.infer<typeof keySchema> {
  const status =
    key.revokedAt !== null
      ? 'revoked'
      : key.expiresAt !== null && key.expiresAt <= now
        ? 'expired'
        : 'active';
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    mode: key.mode,
    type: key.type,
    appId: key.appId,
    scopes: key.scopes,
    ipAllowlist: key.ipAllowlist,
    displayPrefix: key.displayPrefix,
    status,
    createdAt: toIso(key.createdAt),
    lastUsedAt: toIso(key.lastUsedAt),
    expiresAt: toIso(key.expiresAt),
    revokedAt: toIso(key.revokedAt),
    previousSecretExpiresAt: toIso(key.previousSecretExpiresAt),
    meta: key.meta,
    externalId: key.externalId,
    rateLimit: key.rateLimitPerMinute === null ? null : { requestsPerMinute: key.rateLimitPerMinute },
    credits:
      key.credits === null
        ? null
        : { remaining: creditsRemainingAt(key.credits, now), refill: key.credits.refill },
  };
}
