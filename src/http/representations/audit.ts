import { z } from 'zod';
import type { ActivityRecordRow, RequestRecordRow } from '../../store/index.ts';
import { timestamp, toIso } from '../schemas.ts';

/** A row of the request feed as the management API and the CLI's `--json` show it. */
export const requestSchema = z.object({
  id: z.number(),
  at: timestamp,
  credentialId: z.string(),
  credentialType: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  status: z.number(),
  outcome: z.string(),
  latencyMs: z.number(),
  ip: z.string().nullable(),
  rateLimited: z.boolean(),
});

/** A row of the activity feed. */
export const activitySchema = z.object({
  id: z.number(),
  at: timestamp,
  actor: z.object({ type: z.string(), id: z.string().nullable(), ip: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()),
});

export function presentRequest({
  tenantId: _tenant,
  ...row
}: RequestRecordRow): z.infer<typeof requestSchema> {
  return { ...row, at: toIso(row.at) };
}

export function presentActivity(row: ActivityRecordRow): z.infer<typeof activitySchema> {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: { type: row.actorType, id: row.actorId, ip: row.ip },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    details: row.details,
  };
}
