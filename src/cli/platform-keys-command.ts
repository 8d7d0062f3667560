import { z } from 'zod';
import { platformPermissions } from '../core/management-permissions.ts';
import { presentPlatformKey } from '../http/representations/platform-keys.ts';
import { nameSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import {
  getPlatformKey,
  issuePlatformKey,
  listPlatformKeys,
  revokePlatformKey,
} from '../services/platform/platform-keys.ts';
import { actionOf, checkFlag, parseFlags, splitList } from './args.ts';
import { idFlag, pageFlags, pageOf } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printPage, printRecord } from './output.ts';

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
    ...pageFlags,
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
    const page = pageOf(flags);
    await withLocal(flags, async (runtime) => {
      const listed = await listPlatformKeys(runtime.context, localPrincipal, page);
      printPage(
        out,
        flags.json,
        { items: listed.items.map(presentPlatformKey), nextCursor: listed.nextCursor },
        ['id', 'name', 'permissions', 'displayPrefix', 'createdAt', 'revokedAt'],
        'No platform keys.',
      );
    });
    return;
  }
  const keyId = checkFlag('key', idFlag, flags.key);
  await withLocal(flags, async (runtime) => {
    if (action === 'revoke') await revokePlatformKey(runtime.context, localPrincipal, keyId);
    const key = await getPlatformKey(runtime.context, localPrincipal, keyId);
    const shown = presentPlatformKey(key);
    if (flags.json) printJson(out, shown);
    else if (action === 'revoke') out(`Revoked platform key ${key.id}\n`);
    else printRecord(out, shown);
  });
}
