import { type ClientStatus, clientStatusAt } from '../../core/client-status.ts';
import { parseCredential } from '../../core/credential-format.ts';
import { hashesEqual, hashSecret } from '../../core/secret-hash.ts';
import type { Client, ClientBySecret } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';

/** Why a client did not authenticate. The token endpoint answers `invalid_client` for every one of them. */
export type ClientAuthenticationFailure =
  | 'unknown_client'
  | 'invalid_secret'
  | 'suspended'
  | 'expired'
  | 'deleted';

export type ClientAuthentication =
  | { ok: true; client: Client }
  | {
      ok: false;
      reason: ClientAuthenticationFailure;
      /** The client's tenant once the `client_id` is known, so the failure can go to that tenant's feed. */
      tenantId?: string;
    };

/** Longer than any id we issue: such a `client_id` is unknown without a lookup. */
const MAX_CLIENT_ID_LENGTH = 64;

async function findSecret(context: ServiceContext, secret: string): Promise<ClientBySecret | undefined> {
  for (const pepper of context.peppers.all) {
    const found = await context.store.clients.findBySecretHash(hashSecret(secret, pepper));
    if (found) return found;
  }
  return undefined;
}

/**
 * Checks a `client_id` + `client_secret` pair (seed 002: only `active` clients get tokens). The secret is
 * looked up by its hash, under every pepper still in the ring, and the row's client id is then compared in
 * constant time with the one presented. A secret failing its checksum costs no lookup; a rotated-out secret
 * past its grace period is `invalid_secret`. Never throws for a normal "no". The tenant's own status (a
 * suspended tenant gets no tokens either) is the caller's to check, with `client.tenantId`.
 */
export async function authenticateClient(
  context: ServiceContext,
  clientId: string,
  secret: string,
): Promise<ClientAuthentication> {
  const parsed = parseCredential(secret);
  if (!parsed || parsed.prefix !== context.model.prefixes.clientSecret) {
    return { ok: false, reason: 'invalid_secret' };
  }
  // Secrets in steady use skip the hash and the read: the cache empties whenever the change counter moves
  // (a rotation, a status or scope change, a deletion — store/change-counter.ts).
  const cacheKey = `${clientId}\u0000${secret}`;
  let found = context.authenticatedClients.get(cacheKey);
  if (!found) {
    const snapshot = context.authenticatedClients.snapshot();
    found = await findSecret(context, secret);
    if (found && hashesEqual(found.client.id, clientId)) {
      context.authenticatedClients.set(cacheKey, found, snapshot);
    }
  }
  if (!found || !hashesEqual(found.client.id, clientId)) {
    const tenantId =
      clientId.length > MAX_CLIENT_ID_LENGTH ? undefined : await context.store.clients.tenantOf(clientId);
    return tenantId === undefined
      ? { ok: false, reason: 'unknown_client' }
      : { ok: false, reason: 'invalid_secret', tenantId };
  }
  const { client, secretExpiresAt } = found;
  const now = context.clock.now();
  const status = clientStatusAt(client, now);
  const failure = (reason: ClientAuthenticationFailure) =>
    ({ ok: false, reason, tenantId: client.tenantId }) as const;
  // Deletion and expiry say more than the secret's own end: deleting a client ends its secrets too.
  if (status === 'deleted' || status === 'expired') return failure(status);
  if (secretExpiresAt !== null && secretExpiresAt <= now) return failure('invalid_secret');
  if (status === 'suspended') return failure('suspended');
  return { ok: true, client };
}

/** A client with the status it has now, for the token endpoint and introspection. */
export interface ClientForToken {
  client: Client;
  status: ClientStatus;
}

/**
 * The client as it is now, deleted ones included (status `deleted`), or undefined when there is no such
 * client. Pass the token's `tenant` claim as `tenantId` when there is one: a client of another tenant is then
 * undefined. Only `active` clients get new tokens; tokens already issued stay valid through suspension and
 * rotation until they expire.
 */
export async function getClientForToken(
  context: ServiceContext,
  clientId: string,
  tenantId?: string,
): Promise<ClientForToken | undefined> {
  if (clientId.length > MAX_CLIENT_ID_LENGTH) return undefined;
  const owner = tenantId ?? (await context.store.clients.tenantOf(clientId));
  if (owner === undefined) return undefined;
  const client = await context.store.clients.get(owner, clientId);
  return client && { client, status: clientStatusAt(client, context.clock.now()) };
}
