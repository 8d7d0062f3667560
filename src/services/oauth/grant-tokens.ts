import { generateCredential, parseCredential } from '../../core/credential-format.ts';
import { matchesAny } from '../../core/scopes.ts';
import type { Client, Installation, RefreshToken, Tenant } from '../../store/index.ts';
import { type ActivityAction, recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import { type IssuedAccessToken, issueAccessToken } from '../tokens/issue-access-token.ts';

/** What the authorization-code and refresh grants answer (RFC 6749 §5.1). */
export interface IssuedGrantTokens {
  accessToken: IssuedAccessToken;
  refreshToken: string;
  /** The access token's scopes, narrowed by the tenant's plan now. */
  scopes: string[];
  client: Client;
}

/** The grant one code started: what its refresh tokens carry along. */
export interface GrantFamily {
  familyId: string;
  tenant: Tenant;
  installation: Installation;
  client: Client;
  /** The `client_id` claim: a metadata document client's URL; the client's id when undefined. */
  tokenClientId?: string | undefined;
  userId: string;
  /** The scopes of the grant; the access token may get fewer (scope narrowing, RFC 6749 §6). */
  scopes: string[];
  resource: string | null;
  familyExpiresAt: number;
}

/** Whether a presented string has the refresh tokens' form (prefix and checksum): no lookup otherwise. */
export function isRefreshToken(context: ServiceContext, token: string): boolean {
  return parseCredential(token)?.prefix === context.model.prefixes.refreshToken;
}

/** A refresh token's row, found by its hash under any pepper of the ring. */
export async function findRefreshToken(
  context: ServiceContext,
  token: string,
): Promise<RefreshToken | undefined> {
  if (!isRefreshToken(context, token)) return undefined;
  return findByAnyPepper(context.peppers, token, (hash) => context.store.oauthGrants.findRefreshToken(hash));
}

/** Tokens signed and made, not yet stored: signing may touch the store (a first key), so it runs outside a unit. */
export interface PreparedGrantTokens extends IssuedGrantTokens {
  refreshRow: RefreshToken;
}

/**
 * Signs an access token for an installation (RFC 9068: `sub` the approving user, `installation_id`, `tenant`,
 * `client_id`, `scope`, `aud` the grant's resource) and makes the refresh token that goes with it; the caller
 * stores `refreshRow` in its unit. Scopes are narrowed by the plan now; verification narrows them again.
 */
export async function prepareGrantTokens(
  context: ServiceContext,
  family: GrantFamily,
  accessScopes: readonly string[],
): Promise<PreparedGrantTokens> {
  const now = context.clock.now();
  const plan = context.model.plans.get(family.tenant.planId);
  const scopes = accessScopes.filter((scope) => plan !== undefined && matchesAny(plan.scopes, scope));
  const accessToken = await issueAccessToken(context, {
    clientId: family.tokenClientId ?? family.client.id,
    tenantId: family.tenant.id,
    mode: family.client.mode,
    scopes,
    audience: family.resource ?? undefined,
    installation: { id: family.installation.id, userId: family.userId },
  });
  const refreshToken = generateCredential(
    context.model.prefixes.refreshToken,
    family.client.mode,
    context.random,
  );
  const refreshRow: RefreshToken = {
    tokenHash: context.peppers.hashCurrent(refreshToken),
    pepperVersion: context.peppers.current.version,
    familyId: family.familyId,
    tenantId: family.tenant.id,
    installationId: family.installation.id,
    clientId: family.client.id,
    userId: family.userId,
    scopes: family.scopes,
    resource: family.resource,
    createdAt: now,
    expiresAt: Math.min(now + context.oauth.refreshTokenIdleMs, family.familyExpiresAt),
    familyExpiresAt: family.familyExpiresAt,
    consumedAt: null,
    revokedAt: null,
    accessJti: accessToken.jti,
    accessExpiresAt: accessToken.expiresAt,
  };
  return { accessToken, refreshToken, scopes, client: family.client, refreshRow };
}

/** What the grant answers, without the stored row. */
export function answerOf(prepared: PreparedGrantTokens): IssuedGrantTokens {
  const { refreshRow: _row, ...issued } = prepared;
  return issued;
}

/** The `token.issued` row of an installation's token, group-committed like the client grant's. */
export async function logIssued(
  context: ServiceContext,
  issued: IssuedGrantTokens,
  family: GrantFamily,
  ip: string | null,
  grantType: 'authorization_code' | 'refresh_token',
): Promise<void> {
  await context.issuanceLog.append({
    tenantId: family.tenant.id,
    at: context.clock.now(),
    actorType: 'client',
    actorId: family.client.id,
    ip,
    action: 'token.issued' satisfies ActivityAction,
    targetType: 'installation',
    targetId: family.installation.id,
    details: {
      jti: issued.accessToken.jti,
      scopes: issued.scopes,
      expiresAt: issued.accessToken.expiresAt,
      grantType,
    },
    mode: family.client.mode,
  });
}

/**
 * A replayed code or refresh token (RFC 9700 §4.14.2, RFC 6749 §4.1.2): the whole family is revoked — its
 * refresh tokens and the access tokens issued with them — and the tenant's feed says so.
 */
export async function revokeReplayedFamily(
  context: ServiceContext,
  tenantId: string,
  familyId: string,
  clientId: string,
  mode: Client['mode'] | undefined,
  ip: string | null,
  what: 'authorization_code' | 'refresh_token',
): Promise<void> {
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    const revoked = await unit.oauthGrants.revokeFamily(tenantId, familyId, now);
    await recordActivity(unit, { type: 'client', id: clientId, ip }, now, {
      tenantId,
      action: 'grant.replay_detected',
      targetType: 'client',
      targetId: clientId,
      mode,
      details: { familyId, replayed: what, refreshTokensRevoked: revoked },
    });
  });
}
