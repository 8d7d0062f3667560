import { z } from 'zod';
import type { ManagementKey } from '../../store/index.ts';
import { modeSchema, nullableTimestamp, timestamp, toIso } from '../schemas.ts';

/** A management key pair as the management API and the CLI's `--json` show it. */
export const managementKeySchema = z.object({
  id: z.string().describe('The public half of the pair: send it as `X-Api-Key`'),
  apiKey: z.string().describe('Same as `id`'),
  tenantId: z.string(),
  name: z.string(),
  mode: modeSchema.describe('A test-mode pair sees and manages only test-mode objects'),
  permissions: z.array(z.string()),
  displayPrefix: z.string().describe('The first 12 characters of the secret, safe to show'),
  status: z.enum(['active', 'revoked']),
  createdAt: timestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
});

export const issuedManagementKeySchema = managementKeySchema.extend({
  apiSecret: z.string().describe('Send as `X-Api-Secret`. Shown once, in this response only.'),
});

export function presentManagementKey(key: ManagementKey): z.infer<typeof managementKeySchema> {
  return {
    id: key.id,
    apiKey: key.id,
    tenantId: key.tenantId,
    name: key.name,
    mode: key.mode,
    permissions: key.permissions,
    displayPrefix: key.displayPrefix,
    status: key.revokedAt === null ? 'active' : 'revoked',
    createdAt: toIso(key.createdAt),
    lastUsedAt: toIso(key.lastUsedAt),
    revokedAt: toIso(key.revokedAt),
  };
}
