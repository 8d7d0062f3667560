import { storedClientId } from '../../core/client-metadata-document.ts';
import { type ClientStatus, clientStatusAt } from '../../core/client-status.ts';
import { parseCredential } from '../../core/credential-format.ts';
import { hashesEqual } from '../../core/secret-hash.ts';
import type { Client } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';

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
      /** The client's tenant once the `client_id` is known: the failure goes to that tenant's feed. */
      tenantId?: string;
    }
  /** Too many failures for this `client_id` or from this address: tried again after `retryAfterSeconds`. */
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Longer than any id we issue: such a `client_id` is unknown without a lookup. */
const MAX_CLIENT_ID_LENGTH = 64;

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
  ip: string | null,
): Promise<ClientAuthentication> {
  const now = context.clock.now();
  // An id longer than any we issue shares one bucket, so junk ids cannot dodge the throttle.
  const throttleId = clientId.length > MAX_CLIENT_ID_LENGTH ? 'malformed' : clientId;
  // The throttle (a round trip when shared in Redis) is asked while the secret is checked, not before.
  const throttled = context.failureThrottle.retryAfter(throttleId, ip, now);
  const result = await checkClientSecret(context, clientId, secret, now);
  const retryAfterSeconds = await throttled;
  // The right secret always gets through: a `client_id` is public, and a throttle that refused its owner
  // would let anyone who knows it lock the client out. A wrong one, throttled, is 429, neither counted nor noted.
  if (!result.ok && retryAfterSeconds > 0) {
    context.metrics.rateLimited('failed_authentication');
    return { ok: false, reason: 'throttled', retryAfterSeconds };
  }
  if (!result.ok) {
    // Unknown id and wrong secret take the same path: a lookup of the id's tenant, a throttle count and a
    // note in memory; nothing is written while the caller waits.
    await context.failureThrottle.failed(throttleId, ip, now);
    if (result.tenantId !== undefined) {
      context.requestFeed.recordFailure(
        {
          tenantId: result.tenantId,
          action: 'client.authentication_failed',
          actor: { type: 'client', id: clientId, ip },
          targetType: 'client',
          targetId: clientId,
          reason: result.reason,
        },
        now,
      );
    }
  }
  return result;
}

async function checkClientSecret(
  context: ServiceContext,
  clientId: string,
  secret: string,
  now: number,
): Promise<Exclude<ClientAuthentication, { reason: 'throttled' }>> {
  const parsed = parseCredential(secret);
  const found =
    parsed?.prefix === context.model.prefixes.clientSecret
      ? // Secrets in steady use skip the hash and the read: the cache empties whenever the bus's version
        // moves (a rotation, a status or scope change, a deletion).
        await context.authenticatedClients.getOrLoad(`${clientId}\u0000${secret}`, () =>
          findByAnyPepper(context.peppers, secret, async (hash) => {
            const row = await context.store.clients.findBySecretHash(hash);
            return row && hashesEqual(row.client.id, clientId) ? row : undefined;
          }),
        )
      : undefined;
  if (!found) {
    const tenantId =
      clientId.length > MAX_CLIENT_ID_LENGTH ? undefined : await context.store.clients.tenantOf(clientId);
    return tenantId === undefined
      ? { ok: false, reason: 'unknown_client' }
      : { ok: false, reason: 'invalid_secret', tenantId };
  }
  const { client, secretExpiresAt } = found;
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
  tokenClientId: string,
  tenantId?: string,
): Promise<ClientForToken | undefined> {
  // A metadata document client's tokens carry its URL; its row has the id derived from it (decision 031).
  const clientId = storedClientId(tokenClientId);
  if (clientId.length > MAX_CLIENT_ID_LENGTH) return undefined;
  const owner = tenantId ?? (await context.store.clients.tenantOf(clientId));
  if (owner === undefined) return undefined;
  const client = await context.store.clients.get(owner, clientId);
  return client && { client, status: clientStatusAt(client, context.clock.now()) };
}
