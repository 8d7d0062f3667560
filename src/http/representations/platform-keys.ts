import { z } from 'zod';
import type { PlatformKey } from '../../store/index.ts';
import { nullableTimestamp, timestamp, toIso } from '../schemas.ts';

/** A platform key as the management API and the CLI's `--json` show it. */
export const platformKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  displayPrefix: z.string(),
  createdAt: timestamp,
  revokedAt: nullableTimestamp,
});

export function presentPlatformKey(key: PlatformKey): z.infer<typeof platformKeySchema> {
  return {
    id: key.id,
    name: key.name,
    permissions: key.permissions,
    displayPrefix: key.displayPrefix,
    createdAt: toIso(key.createdAt),
    revokedAt: toIso(key.revokedAt),
  };
}
