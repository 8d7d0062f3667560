import { z } from 'zod';
import type { Tenant } from '../../store/index.ts';
import { timestamp, toIso } from '../schemas.ts';

/** A tenant as the management API and the CLI's `--json` show it. */
export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.string(),
  status: z.enum(['active', 'suspended']),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function presentTenant(tenant: Tenant): z.infer<typeof tenantSchema> {
  return {
    id: tenant.id,
    name: tenant.name,
    plan: tenant.planId,
    status: tenant.status,
    createdAt: toIso(tenant.createdAt),
    updatedAt: toIso(tenant.updatedAt),
  };
}
