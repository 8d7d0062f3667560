import { z } from 'zod';
import { keyListFilters, presentKey } from '../http/representations/keys.ts';
import { cidrSchema, isoDateTime, modeSchema, nameSchema, scopeSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { issueKey } from '../services/keys/issue.ts';
import { getKey, listKeys, revokeKey } from '../services/keys/manage.ts';
import { actionOf, checkFlag, parseFlags, splitList } from './args.ts';
import { idFlag, pageFlags, pageOf } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printPage, printRecord } from './output.ts';

/** `portcullis keys create|list|get|revoke`: a tenant's API keys. */
export async function keysCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  const action = actionOf('keys', given, ['create', 'list', 'get', 'revoke']);
  const flags = parseFlags(rest, {
    tenant: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string' },
    scopes: { type: 'string' },
    app: { type: 'string' },
    'expires-at': { type: 'string' },
    'ip-allowlist': { type: 'string' },
    status: { type: 'string' },
    'name-prefix': { type: 'string' },
    ...pageFlags,
  });
  const tenantId = checkFlag('tenant', idFlag, flags.tenant);
  if (action === 'create') {
    const input = {
      name: checkFlag('name', nameSchema, flags.name),
      mode: checkFlag('mode', modeSchema.default('live'), flags.mode),
      type: checkFlag('type', z.enum(['secret', 'restricted']).optional(), flags.type),
      scopes: checkFlag('scopes', z.array(scopeSchema).min(1).optional(), splitList(flags.scopes)),
      appId: checkFlag('app', keyListFilters.appId, flags.app),
      expiresAt: checkFlag('expires-at', isoDateTime.optional(), flags['expires-at']),
      ipAllowlist: checkFlag(
        'ip-allowlist',
        z.array(cidrSchema).optional(),
        splitList(flags['ip-allowlist']),
      ),
    };
    await withLocal(flags, async (runtime) => {
      const issued = await issueKey(runtime.context, localPrincipal, tenantId, input);
      if (flags.json)
        printJson(out, { ...presentKey(issued.key, runtime.context.clock.now()), key: issued.plaintext });
      else out(`Created key ${issued.key.id} (shown once, store it now):\n  ${issued.plaintext}\n`);
    });
    return;
  }
  if (action === 'list') {
    const page = pageOf(flags);
    const filter = {
      status: checkFlag('status', keyListFilters.status, flags.status),
      mode: checkFlag('mode', keyListFilters.mode, flags.mode),
      type: checkFlag('type', keyListFilters.type, flags.type),
      appId: checkFlag('app', keyListFilters.appId, flags.app),
      namePrefix: checkFlag('name-prefix', keyListFilters.namePrefix, flags['name-prefix']),
    };
    await withLocal(flags, async (runtime) => {
      const listed = await listKeys(runtime.context, localPrincipal, tenantId, page, filter);
      const now = runtime.context.clock.now();
      const items = listed.items.map((key) => presentKey(key, now));
      const columns = ['id', 'name', 'mode', 'type', 'status', 'displayPrefix', 'lastUsedAt'] as const;
      printPage(out, flags.json, { items, nextCursor: listed.nextCursor }, [...columns], 'No keys.');
    });
    return;
  }
  const keyId = checkFlag('key', idFlag, flags.key);
  await withLocal(flags, async (runtime) => {
    const key =
      action === 'get'
        ? await getKey(runtime.context, localPrincipal, tenantId, keyId)
        : await revokeKey(runtime.context, localPrincipal, tenantId, keyId);
    const shown = presentKey(key, runtime.context.clock.now());
    if (flags.json) printJson(out, shown);
    else if (action === 'revoke') out(`Revoked key ${key.id}\n`);
    else printRecord(out, shown);
  });
}
