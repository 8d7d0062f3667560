import { z } from 'zod';
import { PortcullisError } from '../core/errors.ts';
import { platformPermissions } from '../core/management-permissions.ts';
import { presentPlatformKey } from '../http/representations/platform-keys.ts';
import { nameSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { issuePlatformKey, listPlatformKeys, revokePlatformKey } from '../services/platform/platform-keys.ts';
import { actionOf, checkFlag, parseFlags, splitList } from './args.ts';
import { idFlag } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printRecord, printTable } from './output.ts';

/**
 * `portcullis platform-keys create|list|get|revoke`: the operator's own keys. Access to the data directory or
 * the database is the operator's trust, so this is also the way back when every platform key is lost.
 */
export async function platformKeysCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  const action = actionOf('platform-keys', given, ['create', 'list', 'get', 'revoke']);
  const flags = parseFlags(rest, {
    key: { type: 'string' },
    name: { type: 'string' },
    permissions: { type: 'string' },
  });
  if (action === 'create') {
    const name = checkFlag('name', nameSchema, flags.name);
    const permissions = checkFlag(
      'permissions',
      z.array(z.enum(platformPermissions)).min(1).max(3).default(['*']),
      splitList(flags.permissions),
    );
    await withLocal(flags, async (runtime) => {
      const issued = await issuePlatformKey(runtime.context, localPrincipal, name, permissions);
      if (flags.json) printJson(out, { ...presentPlatformKey(issued.key), key: issued.plaintext });
      else out(`Created platform key ${issued.key.id} (shown once, store it now):\n  ${issued.plaintext}\n`);
    });
    return;
  }
  if (action === 'list') {
    await withLocal(flags, async (runtime) => {
      const items = (await listPlatformKeys(runtime.context, localPrincipal)).map(presentPlatformKey);
      if (flags.json) printJson(out, { items });
      else
        printTable(
          out,
          items,
          ['id', 'name', 'permissions', 'displayPrefix', 'createdAt', 'revokedAt'],
          'No platform keys.',
        );
    });
    return;
  }
  const keyId = checkFlag('key', idFlag, flags.key);
  await withLocal(flags, async (runtime) => {
    if (action === 'revoke') await revokePlatformKey(runtime.context, localPrincipal, keyId);
    const key = (await listPlatformKeys(runtime.context, localPrincipal)).find((each) => each.id === keyId);
    if (!key) throw new PortcullisError('not_found', 'platform key not found');
    const shown = presentPlatformKey(key);
    if (flags.json) printJson(out, shown);
    else if (action === 'revoke') out(`Revoked platform key ${key.id}\n`);
    else printRecord(out, shown);
  });
}
