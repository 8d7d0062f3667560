import type { ServiceContext } from '../context.ts';
import { verifyApiKey, verifyCachedApiKey } from '../keys/verify.ts';
import { looksLikeJwt } from '../tokens/verify-access-token.ts';
import { verifyCachedTokenCredential, verifyTokenCredential } from '../tokens/verify-token-credential.ts';
import type { VerifyRequest, VerifyResult } from './result.ts';

/**
 * Verifies whatever runtime credential a caller presented: an access token (a compact JWS, three base64url
 * segments) or an API key (`prefix_mode_body`). The two forms cannot be confused: keys contain no dots.
 */
export function verifyCredential(
  context: ServiceContext,
  credential: string,
  request: VerifyRequest,
): Promise<VerifyResult> {
  return looksLikeJwt(credential)
    ? verifyTokenCredential(context, credential, request)
    : verifyApiKey(context, credential, request);
}

/**
 * The same answer without waiting, when the credential's standing is cached (the common case for a credential
 * in use); undefined when it takes a lookup, and the caller goes through `verifyCredential`.
 */
export function verifyCachedCredential(
  context: ServiceContext,
  credential: string,
  request: VerifyRequest,
): VerifyResult | undefined {
  return looksLikeJwt(credential)
    ? verifyCachedTokenCredential(context, credential, request)
    : verifyCachedApiKey(context, credential, request);
}
