import { z } from 'zod';
import { clientStatusAt, clientStatuses } from '../../core/client-status.ts';
import type { ClientWithSecret, CreatedClient } from '../../services/clients/create.ts';
import type { Client } from '../../store/index.ts';
import { modeSchema, nullableTimestamp, timestamp, toIso } from '../schemas.ts';

/** An API client as the management API and the CLI's `--json` show it. */
/** What a client list can be narrowed by: the list route's query and `clients list`'s flags. */
export const clientListFilters = {
  status: z
    .enum(clientStatuses)
    .optional()
    .describe(
      'Only clients with this status now; `deleted` lists deleted ones whatever `includeDeleted` says',
    ),
  mode: modeSchema.optional().describe('Only clients of this mode'),
  appId: z.string().min(1).max(64).optional().describe("Only this app's clients"),
  namePrefix: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Only clients whose name starts with this (case-sensitive)'),
};

export const clientSchema = z.object({
  id: z.string().describe('The `client_id`'),
  tenantId: z.string(),
  appId: z.string().nullable(),
  name: z.string(),
  mode: modeSchema,
  scopes: z
    .array(z.string())
    .describe('Scopes the client may request: vocabulary scopes, management permissions'),
  status: z
    .enum(clientStatuses)
    .describe('Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final'),
  expiresAt: nullableTimestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  deletedAt: nullableTimestamp,
});

export const clientWithSecretSchema = clientSchema
  .extend({
    client_id: z.string().describe('The client id, named as OAuth 2.1 names it (same as `id`)'),
    client_secret: z.string().describe('The plaintext client secret. Shown once, in this response only.'),
  })
  .describe('The client in camelCase, plus `client_id` and `client_secret` under their OAuth names');

/** The create answer: a public app's client has no secret, so `client_secret` is left out. */
export const createdClientSchema = clientSchema
  .extend({
    client_id: z.string().describe('The client id, named as OAuth 2.1 names it (same as `id`)'),
    client_secret: z
      .string()
      .optional()
      .describe(
        "The plaintext client secret. Shown once, in this response only; absent for a public app's client.",
      ),
  })
  .describe('The client in camelCase, plus `client_id` and `client_secret` under their OAuth names');

export function presentCreatedClient({ client, clientSecret }: CreatedClient, now: number) {
  return {
    ...presentClient(client, now),
    client_id: client.id,
    ...(clientSecret === null ? {} : { client_secret: clientSecret }),
  };
}

export function presentClient(client: Client, now: number): z.infer<typeof clientSchema> {
  return {
    id: client.id,
    tenantId: client.tenantId,
    appId: client.appId,
    name: client.name,
    mode: client.mode,
    scopes: client.scopes,
    status: clientStatusAt(client, now),
    expiresAt: toIso(client.expiresAt),
    createdAt: toIso(client.createdAt),
    updatedAt: toIso(client.updatedAt),
    deletedAt: toIso(client.deletedAt),
  };
}

export function presentClientWithSecret({ client, clientSecret }: ClientWithSecret, now: number) {
  return { ...presentClient(client, now), client_id: client.id, client_secret: clientSecret };
}
