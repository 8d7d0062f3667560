import { parseCredential } from '../../core/credential-format.ts';
import { isId } from '../../core/ids.ts';
import { hashesEqual, hashSecret } from '../../core/secret-hash.ts';
import type { ManagementKey } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import {
  type AccessTokenClaims,
  type AccessTokenFailure,
  verifyAccessToken,
} from '../tokens/verify-access-token.ts';

/** Last-used stamps closer together than this are not written: a busy key costs no write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ManagementKeyAuthentication =
  | { valid: true; key: ManagementKey }
  | {
      valid: false;
      code: 'malformed' | 'not_found' | 'invalid_secret' | 'revoked' | 'tenant_suspended';
      /** The named key's tenant, when the id names one: the failure goes to that tenant's feed. */
      tenantId?: string;
    };

/**
 * Checks a management key pair: `apiKey` names the key, `apiSecret` must hash (under the pepper the key was
 * stored with) to that key's own stored hash, compared in constant time. A secret of another key, a revoked
 * key or a suspended tenant is a plain "no"; nothing here throws for a normal refusal.
 */
export async function authenticateManagementKey(
  context: ServiceContext,
  apiKey: string,
  apiSecret: string,
): Promise<ManagementKeyAuthentication> {
  // Format and checksum first, so junk costs no lookup.
  const parsed = parseCredential(apiSecret);
  if (
    !isId('managementKey', apiKey) ||
    !parsed ||
    parsed.prefix !== context.model.prefixes.managementSecret
  ) {
    return { valid: false, code: 'malformed' };
  }
  const found = await context.store.managementKeys.findForAuthentication(apiKey);
  const pepper = context.peppers.all.find((candidate) => candidate.version === found?.pepperVersion);
  // Hash even for an unknown id, so an unknown id and a wrong secret cost the same.
  const presented = hashSecret(apiSecret, pepper ?? context.peppers.current);
  if (!found) return { valid: false, code: 'not_found' };
  const tenantId = found.key.tenantId;
  if (!pepper || !hashesEqual(presented, found.secretHash))
    return { valid: false, code: 'invalid_secret', tenantId };
  if (found.key.revokedAt !== null) return { valid: false, code: 'revoked', tenantId };
  if (found.tenantStatus !== 'active') return { valid: false, code: 'tenant_suspended', tenantId };
  const now = context.clock.now();
  const { lastUsedAt } = found.key;
  if (lastUsedAt === null || now - lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    await context.store.managementKeys.recordLastUsed(found.key.tenantId, found.key.id, now);
  }
  return { valid: true, key: found.key };
}

export type ManagementTokenAuthentication =
  | { valid: true; claims: AccessTokenClaims }
  | { valid: false; code: AccessTokenFailure | 'tenant_suspended' | 'client_deleted' };

/**
 * Checks an M2M access token presented to the management API. The management API is served by the issuer
 * itself, so the token's `aud` must name the issuer (RFC 9068 §4, RFC 8707 §2): a token minted for one of
 * the platform's resource servers is not accepted here. The token's tenant must be active and its client
 * not deleted; a suspended client's tokens stay valid until they expire, as issued.
 */
export async function authenticateManagementToken(
  context: ServiceContext,
  token: string,
): Promise<ManagementTokenAuthentication> {
  const result = await verifyAccessToken(context, token, { audience: context.oauth.issuer });
  if (!result.valid) return result;
  const { claims } = result;
  // An installation's token acts for the platform's API, never on the management API (decision 031).
  if (claims.installationId !== undefined) return { valid: false, code: 'wrong_audience' };
  const tenant = await context.store.tenants.get(claims.tenantId);
  if (tenant?.status !== 'active') return { valid: false, code: 'tenant_suspended' };
  const client = await context.store.clients.get(claims.tenantId, claims.clientId);
  if (!client || client.status === 'deleted') return { valid: false, code: 'client_deleted' };
  return { valid: true, claims };
}
