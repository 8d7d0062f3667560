import { createHash } from 'node:crypto';
import { clientStatusAt } from '../../core/client-status.ts';
import { hashesEqual } from '../../core/secret-hash.ts';
import type { Client } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import {
  answerOf,
  type GrantFamily,
  type IssuedGrantTokens,
  logIssued,
  prepareGrantTokens,
  revokeReplayedFamily,
} from './grant-tokens.ts';

export type CodeGrantResult =
  | ({ ok: true } & IssuedGrantTokens)
  | { ok: false; error: 'invalid_grant' | 'invalid_request'; description: string };

export interface AuthorizationCodeRequest {
  /** The client, already authenticated (a secret) or identified (a public client). */
  client: Client;
  /** The `client_id` the tokens carry: the presented one (a metadata document's URL), else the client's id. */
  tokenClientId?: string | undefined;
  code: string | undefined;
  codeVerifier: string | undefined;
  redirectUri: string | undefined;
  ip: string | null;
}

const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;

const invalidGrant = (description: string): CodeGrantResult => ({
  ok: false,
  error: 'invalid_grant',
  description,
});

/**
 * `grant_type=authorization_code` (OAuth 2.1 §4.1.3). The code is used up by its first redemption, right or
 * wrong, so a stolen code gives one try; a second redemption fails and revokes every token the first one
 * issued (RFC 6749 §4.1.2, RFC 9700 §4.2.4). Then: issued to this client, unexpired, the same `redirect_uri`,
 * `code_verifier` whose S256 is the challenge (RFC 7636 §4.6), the installation still there, the tenant
 * active. Answers an access token and the first refresh token of a new family.
 */
export async function grantAuthorizationCode(
  context: ServiceContext,
  request: AuthorizationCodeRequest,
): Promise<CodeGrantResult> {
  const { client } = request;
  if (!request.code) return { ok: false, error: 'invalid_request', description: 'code is required' };
  if (!request.codeVerifier) {
    return { ok: false, error: 'invalid_request', description: 'code_verifier is required (PKCE)' };
  }
  if (!CODE_PATTERN.test(request.code)) return invalidGrant('the code is not valid');
  const code = await findByAnyPepper(context.peppers, request.code, (hash) =>
    context.store.oauthGrants.findCode(hash),
  );
  // A code of another client is not spent by this one (RFC 6749 §4.1.3: "ensure the code was issued to it").
  if (!code || code.clientId !== client.id) return invalidGrant('the code is not valid');
  const now = context.clock.now();
  if (!(await context.store.oauthGrants.spendCode(code.codeHash, now))) {
    await revokeReplayedFamily(
      context,
      code.tenantId,
      code.familyId,
      client.id,
      client.mode,
      request.ip,
      'authorization_code',
    );
    return invalidGrant('the code has already been used');
  }
  if (now >= code.expiresAt) return invalidGrant('the code has expired');
  if (request.redirectUri !== code.redirectUri) {
    return invalidGrant('redirect_uri is not the one of the authorization request');
  }
  if (!VERIFIER_PATTERN.test(request.codeVerifier)) return invalidGrant('code_verifier is not valid');
  const computed = createHash('sha256').update(request.codeVerifier).digest('base64url');
  if (!hashesEqual(computed, code.codeChallenge)) return invalidGrant('code_verifier does not match');

  const tenant = await context.store.tenants.get(code.tenantId);
  const installation = await context.store.installations.get(code.tenantId, code.installationId);
  if (tenant?.status !== 'active' || !installation || installation.deletedAt !== null) {
    return invalidGrant('the installation is no longer there');
  }
  if (clientStatusAt(client, now) !== 'active') return invalidGrant('the client is not active');
  const family: GrantFamily = {
    familyId: code.familyId,
    tenant,
    installation,
    client,
    tokenClientId: request.tokenClientId,
    userId: code.userId,
    scopes: code.scopes,
    resource: code.resource,
    familyExpiresAt: now + context.oauth.refreshTokenAbsoluteMs,
  };
  const prepared = await prepareGrantTokens(context, family, code.scopes);
  await context.store.oauthGrants.insertRefreshToken(prepared.refreshRow);
  const issued = answerOf(prepared);
  await logIssued(context, issued, family, request.ip, 'authorization_code');
  return { ok: true, ...issued };
}
