import type { MaybePromise } from '../../core/maybe-promise.ts';
import type { ServiceContext } from '../context.ts';
import { verifyApiKey } from '../keys/verify.ts';
import { looksLikeJwt } from '../tokens/verify-access-token.ts';
import { verifyTokenCredential } from '../tokens/verify-token-credential.ts';
import type { VerifyRequest, VerifyResult } from './result.ts';

/**
 * Verifies whatever runtime credential a caller presented: an access token (a compact JWS, three base64url
 * segments) or an API key (`prefix_mode_body`). The two forms cannot be confused: keys contain no dots. A
 * credential whose standing is cached (the common case for one in use) is answered without waiting.
 */
export function verifyCredential(
  context: ServiceContext,
  credential: string,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  return looksLikeJwt(credential)
    ? verifyTokenCredential(context, credential, request)
    : verifyApiKey(context, credential, request);
}
