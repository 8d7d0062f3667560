import { z } from 'zod';
import { MAX_CLIENT_EXPIRY_DAYS } from '../core/client-status.ts';
import {
  clientListFilters,
  presentClient,
  presentClientWithSecret,
  presentCreatedClient,
} from '../http/representations/clients.ts';
import { modeSchema, nameSchema, scopeSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { createClient } from '../services/clients/create.ts';
import { getClient, listClients, updateClient } from '../services/clients/manage.ts';
import { MAX_ROTATION_GRACE_SECONDS, rotateClientSecret } from '../services/clients/rotate.ts';
import { actionOf, checkFlag, parseFlags, splitList } from './args.ts';
import { idFlag, pageFlags, pageOf } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printPage, printRecord } from './output.ts';

const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .refine((value) => value <= max, `must be at most ${max}`);

/** `portcullis clients create|list|get|rotate-secret|suspend|resume`: a tenant's API clients (seed 002). */
export async function clientsCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  const action = actionOf('clients', given, ['create', 'list', 'get', 'rotate-secret', 'suspend', 'resume']);
  const flags = parseFlags(rest, {
    tenant: { type: 'string' },
    client: { type: 'string' },
    name: { type: 'string' },
    mode: { type: 'string' },
    scopes: { type: 'string' },
    app: { type: 'string' },
    'expires-in-days': { type: 'string' },
    'grace-period-seconds': { type: 'string' },
    'include-deleted': { type: 'boolean' },
    status: { type: 'string' },
    'name-prefix': { type: 'string' },
    ...pageFlags,
  });
  const tenantId = checkFlag('tenant', idFlag, flags.tenant);
  if (action === 'create') {
    const input = {
      name: checkFlag('name', nameSchema, flags.name),
      mode: checkFlag('mode', modeSchema.optional(), flags.mode),
      scopes: checkFlag(
        'scopes',
        z.array(scopeSchema, { error: 'is required' }).min(1).max(200),
        splitList(flags.scopes),
      ),
      appId: checkFlag('app', idFlag.optional(), flags.app),
      expiresInDays: checkFlag(
        'expires-in-days',
        wholeNumber(MAX_CLIENT_EXPIRY_DAYS)
          .refine((days) => days >= 1, 'must be at least 1')
          .optional(),
        flags['expires-in-days'],
      ),
    };
    await withLocal(flags, async (runtime) => {
      const created = await createClient(runtime.context, localPrincipal, tenantId, input);
      if (flags.json) printJson(out, presentCreatedClient(created, runtime.context.clock.now()));
      else if (created.clientSecret === null)
        out(`Created public client ${created.client.id}; it has no secret (PKCE alone)\n`);
      else
        out(
          `Created client ${created.client.id}; its client_secret (shown once, store it now):\n  ${created.clientSecret}\n`,
        );
    });
    return;
  }
  if (action === 'list') {
    const page = pageOf(flags);
    const filter = {
      includeDeleted: flags['include-deleted'] === true,
      status: checkFlag('status', clientListFilters.status, flags.status),
      mode: checkFlag('mode', clientListFilters.mode, flags.mode),
      appId: checkFlag('app', clientListFilters.appId, flags.app),
      namePrefix: checkFlag('name-prefix', clientListFilters.namePrefix, flags['name-prefix']),
    };
    await withLocal(flags, async (runtime) => {
      const listed = await listClients(runtime.context, localPrincipal, tenantId, page, filter);
      const now = runtime.context.clock.now();
      const items = listed.items.map((client) => presentClient(client, now));
      const columns = ['id', 'name', 'mode', 'status', 'scopes', 'expiresAt'] as const;
      printPage(out, flags.json, { items, nextCursor: listed.nextCursor }, [...columns], 'No clients.');
    });
    return;
  }
  const clientId = checkFlag('client', idFlag, flags.client);
  if (action === 'rotate-secret') {
    const grace = checkFlag(
      'grace-period-seconds',
      wholeNumber(MAX_ROTATION_GRACE_SECONDS).default(0),
      flags['grace-period-seconds'],
    );
    await withLocal(flags, async (runtime) => {
      const rotated = await rotateClientSecret(runtime.context, localPrincipal, tenantId, clientId, grace);
      if (flags.json) printJson(out, presentClientWithSecret(rotated, runtime.context.clock.now()));
      else
        out(
          `New client_secret for ${clientId} (shown once, store it now); the old one ${grace ? `stops in ${grace} s` : 'has stopped'}:\n  ${rotated.clientSecret}\n`,
        );
    });
    return;
  }
  await withLocal(flags, async (runtime) => {
    const { context } = runtime;
    const client =
      action === 'get'
        ? await getClient(context, localPrincipal, tenantId, clientId)
        : await updateClient(context, localPrincipal, tenantId, clientId, {
            status: action === 'suspend' ? 'suspended' : 'active',
          });
    const shown = presentClient(client, context.clock.now());
    if (flags.json) printJson(out, shown);
    else if (action === 'get') printRecord(out, shown);
    else out(`Client ${shown.id} is ${shown.status}\n`);
  });
}
