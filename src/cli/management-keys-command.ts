import { z } from 'zod';
import { managementPermissionNames } from '../core/management-permissions.ts';
import { presentManagementKey } from '../http/representations/management-keys.ts';
import { modeSchema, nameSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import {
  getManagementKey,
  issueManagementKey,
  listManagementKeys,
  revokeManagementKey,
} from '../services/management/management-keys.ts';
import { actionOf, checkFlag, parseFlags, splitList } from './args.ts';
import { idFlag, pageFlags, pageOf } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printPage, printRecord } from './output.ts';

/** `portcullis management-keys create|list|get|revoke`: a tenant's management key pairs. */
export async function managementKeysCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  const action = actionOf('management-keys', given, ['create', 'list', 'get', 'revoke']);
  const flags = parseFlags(rest, {
    tenant: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    mode: { type: 'string' },
    permissions: { type: 'string' },
    ...pageFlags,
  });
  const tenantId = checkFlag('tenant', idFlag, flags.tenant);
  if (action === 'create') {
    const input = {
      name: checkFlag('name', nameSchema, flags.name),
      mode: checkFlag('mode', modeSchema.optional(), flags.mode),
      permissions: checkFlag(
        'permissions',
        z.array(z.enum(managementPermissionNames), { error: 'is required' }).min(1),
        splitList(flags.permissions),
      ),
    };
    await withLocal(flags, async (runtime) => {
      const issued = await issueManagementKey(runtime.context, localPrincipal, tenantId, input);
      if (flags.json) printJson(out, { ...presentManagementKey(issued.key), apiSecret: issued.secret });
      else
        out(
          `Created management key pair\n  X-Api-Key:    ${issued.key.id}\n  X-Api-Secret: ${issued.secret}  (shown once, store it now)\n`,
        );
    });
    return;
  }
  if (action === 'list') {
    const page = pageOf(flags);
    await withLocal(flags, async (runtime) => {
      const listed = await listManagementKeys(runtime.context, localPrincipal, tenantId, page);
      const items = listed.items.map(presentManagementKey);
      const columns = ['id', 'name', 'mode', 'status', 'permissions', 'lastUsedAt'] as const;
      printPage(
        out,
        flags.json,
        { items, nextCursor: listed.nextCursor },
        [...columns],
        'No management keys.',
      );
    });
    return;
  }
  const keyId = checkFlag('key', idFlag, flags.key);
  await withLocal(flags, async (runtime) => {
    const key =
      action === 'get'
        ? await getManagementKey(runtime.context, localPrincipal, tenantId, keyId)
        : await revokeManagementKey(runtime.context, localPrincipal, tenantId, keyId);
    const shown = presentManagementKey(key);
    if (flags.json) printJson(out, shown);
    else if (action === 'revoke') out(`Revoked management key ${key.id}\n`);
    else printRecord(out, shown);
  });
}
