import { clientStatusAt } from '../../core/client-status.ts';
import { PortcullisError } from '../../core/errors.ts';
import type { Client } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import {
  answerOf,
  findRefreshToken,
  type GrantFamily,
  type IssuedGrantTokens,
  logIssued,
  prepareGrantTokens,
  revokeReplayedFamily,
} from './grant-tokens.ts';

export type RefreshGrantResult =
  | ({ ok: true } & IssuedGrantTokens)
  | {
      ok: false;
      error: 'invalid_grant' | 'invalid_request' | 'invalid_scope' | 'invalid_target';
      description: string;
    };

export interface RefreshTokenRequest {
  client: Client;
  /** The `client_id` the tokens carry: the presented one (a metadata document's URL), else the client's id. */
  tokenClientId?: string | undefined;
  refreshToken: string | undefined;
  /** Space-separated; only scopes of the grant (narrowing, RFC 6749 §6). */
  scope: string | undefined;
  resources: readonly string[];
  ip: string | null;
}

const invalidGrant = (description: string): RefreshGrantResult => ({
  ok: false,
  error: 'invalid_grant',
  description,
});

/** Thrown inside the unit when the token was consumed meanwhile, so nothing of the unit commits. */
class Raced extends PortcullisError {}

/**
 * `grant_type=refresh_token` (OAuth 2.1 §4.3) with rotation on every use (RFC 9700 §4.14.2): the presented
 * token is consumed and a successor issued in the same family. A consumed token presented again revokes the
 * whole family, since either the client or an attacker holds a stolen copy. A token is bound to its client,
 * installation, scopes and resource; it ends when idle past `oauth.refreshTokens.idleDays` or at its
 * family's absolute end (`absoluteDays`), and with its installation.
 */
export async function grantRefreshToken(
  context: ServiceContext,
  request: RefreshTokenRequest,
): Promise<RefreshGrantResult> {
  const { client } = request;
  if (!request.refreshToken)
    return { ok: false, error: 'invalid_request', description: 'refresh_token is required' };
  const token = await findRefreshToken(context, request.refreshToken);
  if (!token || token.clientId !== client.id) return invalidGrant('the refresh token is not valid');
  const now = context.clock.now();
  if (token.revokedAt !== null) return invalidGrant('the refresh token has been revoked');
  if (token.consumedAt !== null) {
    await revokeReplayedFamily(
      context,
      token.tenantId,
      token.familyId,
      client.id,
      client.mode,
      request.ip,
      'refresh_token',
    );
    return invalidGrant('the refresh token has already been used');
  }
  if (now >= token.expiresAt || now >= token.familyExpiresAt)
    return invalidGrant('the refresh token has expired');

  const requested =
    request.scope === undefined ? token.scopes : [...new Set(request.scope.split(' ').filter(Boolean))];
  const wider = requested.find((scope) => !token.scopes.includes(scope));
  if (wider !== undefined) {
    return { ok: false, error: 'invalid_scope', description: `"${wider}" was not granted` };
  }
  if (request.resources.some((resource) => resource !== token.resource)) {
    return { ok: false, error: 'invalid_target', description: 'the refresh token is for another resource' };
  }

  const tenant = await context.store.tenants.get(token.tenantId);
  const installation = await context.store.installations.get(token.tenantId, token.installationId);
  if (tenant?.status !== 'active' || !installation || installation.deletedAt !== null) {
    return invalidGrant('the installation is no longer there');
  }
  if (clientStatusAt(client, now) !== 'active') return invalidGrant('the client is not active');
  const family: GrantFamily = {
    familyId: token.familyId,
    tenant,
    installation,
    client,
    tokenClientId: request.tokenClientId,
    userId: token.userId,
    scopes: token.scopes,
    resource: token.resource,
    familyExpiresAt: token.familyExpiresAt,
  };
  const prepared = await prepareGrantTokens(context, family, requested);
  try {
    await context.store.unitOfWork(async (unit) => {
      if (!(await unit.oauthGrants.consumeRefreshToken(token.tokenHash, now))) throw new Raced('conflict');
      await unit.oauthGrants.insertRefreshToken(prepared.refreshRow);
    });
  } catch (error) {
    if (!(error instanceof Raced)) throw error;
    // Two uses of one token at once: one of them is a replay.
    await revokeReplayedFamily(
      context,
      token.tenantId,
      token.familyId,
      client.id,
      client.mode,
      request.ip,
      'refresh_token',
    );
    return invalidGrant('the refresh token has already been used');
  }
  const issued = answerOf(prepared);
  await logIssued(context, issued, family, request.ip, 'refresh_token');
  return { ok: true, ...issued };
}
