import type { ClientJwks } from '../../core/client-jwks.ts';
import { looksLikeDocumentUrl, storedClientId } from '../../core/client-metadata-document.ts';
import { type ClientStatus, clientStatusAt } from '../../core/client-status.ts';
import { parseCredential } from '../../core/credential-format.ts';
import { hashesEqual } from '../../core/secret-hash.ts';
import type { Client } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { documentClient } from '../oauth/metadata-document-client.ts';
import { findByAnyPepper } from '../peppers.ts';
import { type ClientKeySource, checkClientAssertion } from './client-assertion.ts';

/** Where a client's keys are, when it has any: an app's `jwks` or `jwks_uri` (a metadata document's alike). */
function keySourceOf(holder: {
  jwks: ClientJwks | null;
  jwksUri: string | null;
}): ClientKeySource | undefined {
  if (holder.jwks) return { jwks: holder.jwks };
  return holder.jwksUri ? { jwksUri: holder.jwksUri } : undefined;
}

/** Why a client did not authenticate. The token endpoint answers `invalid_client` for every one of them. */
export type ClientAuthenticationFailure =
  | 'unknown_client'
  | 'invalid_secret'
  | 'suspended'
  | 'expired'
  | 'deleted'
  /** The assertion is not a valid one for this client (signature, claims, lifetime, algorithm). */
  | 'invalid_assertion'
  /** The assertion's `jti` was used before (RFC 7523 §3 item 7). */
  | 'replayed_assertion'
  /** A secret from a `private_key_jwt` client, or an assertion from a client that holds a secret. */
  | 'wrong_method';

/** How a confidential client proves itself: its secret, or a signed JWT (`private_key_jwt`, decision 035). */
export type PresentedClientCredential =
  | { kind: 'secret'; clientId: string; secret: string }
  | { kind: 'assertion'; clientId: string; assertion: string };

export type ClientAuthentication =
  /** `tokenClientId`: the `client_id` as the client knows it (a metadata document's URL), which tokens carry. */
  | { ok: true; client: Client; tokenClientId: string }
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
 * Checks a client's credential (seed 002: only `active` clients get tokens): a `client_id` + `client_secret`
 * pair, or a `private_key_jwt` assertion (decision 035). The secret is looked up by its hash, under every
 * pepper still in the ring, and the row's client id is then compared in constant time with the one presented.
 * A secret failing its checksum costs no lookup; a rotated-out secret past its grace period is
 * `invalid_secret`. A client whose app registered keys authenticates only with an assertion, and any other
 * only with its secret. Never throws for a normal "no". The tenant's own status (a suspended tenant gets no
 * tokens either) is the caller's to check, with `client.tenantId`.
 */
export async function authenticateClientCredential(
  context: ServiceContext,
  presented: PresentedClientCredential,
  ip: string | null,
): Promise<ClientAuthentication> {
  const now = context.clock.now();
  const { clientId } = presented;
  // An id longer than any we issue shares one bucket, so junk ids cannot dodge the throttle; a metadata
  // document's URL counts under the id derived from it.
  const storedId = storedClientId(clientId);
  const throttleId = storedId.length > MAX_CLIENT_ID_LENGTH ? 'malformed' : storedId;
  // The throttle (a round trip when shared in Redis) is asked while the credential is checked, not before.
  const throttled = context.failureThrottle.retryAfter(throttleId, ip, now);
  const result =
    presented.kind === 'secret'
      ? await checkClientSecret(context, clientId, presented.secret, now)
      : await checkAssertion(context, clientId, presented.assertion, now);
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
          // A metadata document's client under its derived id, as its other activity rows (decision 031).
          actor: { type: 'client', id: storedId, ip },
          targetType: 'client',
          targetId: storedId,
          reason: result.reason,
        },
        now,
      );
    }
  }
  return result;
}

/** A `client_id` + `client_secret` pair: `authenticateClientCredential` with a secret. */
export function authenticateClient(
  context: ServiceContext,
  clientId: string,
  secret: string,
  ip: string | null,
): Promise<ClientAuthentication> {
  return authenticateClientCredential(context, { kind: 'secret', clientId, secret }, ip);
}

type CheckResult = Exclude<ClientAuthentication, { reason: 'throttled' }>;

/** A `private_key_jwt` client: a client of an app with keys, or a metadata document that names its keys. */
async function checkAssertion(
  context: ServiceContext,
  clientId: string,
  assertion: string,
  now: number,
): Promise<CheckResult> {
  if (looksLikeDocumentUrl(clientId)) {
    // A document client exists for the token endpoint once an approval wrote its rows (decision 031).
    const resolved = await documentClient(context, clientId);
    if (!resolved.ok || !resolved.found.stored) return { ok: false, reason: 'unknown_client' };
    const { client, document } = resolved.found;
    const keys = keySourceOf(document);
    if (!keys) return { ok: false, reason: 'wrong_method', tenantId: client.tenantId };
    const checked = await checkClientAssertion(context, clientId, assertion, keys);
    return checked.ok
      ? { ok: true, client, tokenClientId: clientId }
      : { ok: false, reason: checked.reason, tenantId: client.tenantId };
  }
  if (clientId.length > MAX_CLIENT_ID_LENGTH) return { ok: false, reason: 'unknown_client' };
  const tenantId = await context.store.clients.tenantOf(clientId);
  const client = tenantId === undefined ? undefined : await context.store.clients.get(tenantId, clientId);
  if (!client) return { ok: false, reason: 'unknown_client' };
  const failure = (reason: ClientAuthenticationFailure) =>
    ({ ok: false, reason, tenantId: client.tenantId }) as const;
  const app = client.appId === null ? undefined : await context.store.apps.get(client.tenantId, client.appId);
  // A metadata document's client is named by its URL, never by its derived id (decision 031).
  const keys = app && keySourceOf(app);
  if (!keys || app.registeredVia === 'metadata_document') return failure('wrong_method');
  const status = clientStatusAt(client, now);
  if (status !== 'active') return failure(status);
  const checked = await checkClientAssertion(context, clientId, assertion, keys);
  return checked.ok ? { ok: true, client, tokenClientId: client.id } : failure(checked.reason);
}

async function checkClientSecret(
  context: ServiceContext,
  clientId: string,
  secret: string,
  now: number,
): Promise<CheckResult> {
  const parsed = parseCredential(secret);
  const found =
    parsed?.prefix === context.model.prefixes.clientSecret
      ? // Secrets in steady use skip the hash and the read: the cache empties whenever the bus's version
        // moves (a rotation, a status or scope change, a deletion).
        await context.authenticatedClients.getOrLoad(`${clientId}\u0000${secret}`, () =>
          findByAnyPepper(context.peppers, secret, async (hash) => {
            const row = await context.store.clients.findBySecretHash(hash);
            if (!row || !hashesEqual(row.client.id, clientId)) return undefined;
            // A client whose app registered keys authenticates with them alone (decision 035); a change of
            // the keys is a bus change, which empties this cache.
            const app =
              row.client.appId === null
                ? undefined
                : await context.store.apps.get(row.client.tenantId, row.client.appId);
            return app && keySourceOf(app) ? undefined : row;
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
  return { ok: true, client, tokenClientId: client.id };
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
