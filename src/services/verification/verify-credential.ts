import type { MaybePromise } from '../../core/maybe-promise.ts';
import type { ServiceContext } from '../context.ts';
import { verifyApiKey } from '../keys/verify.ts';
import { isPersonalToken, verifyPersonalToken } from '../people/verify-personal-token.ts';
import { looksLikeJwt } from '../tokens/verify-access-token.ts';
import { verifyTokenCredential } from '../tokens/verify-token-credential.ts';
import type { VerifyRequest, VerifyResult } from './result.ts';

/**
 * Verifies whatever runtime credential a caller presented: an access token (a compact JWS, three base64url
 * segments), a personal access token (`pat_live_…`, by its prefix) or an API key (`prefix_mode_body`). The two forms cannot be confused: keys contain no dots. A
 * credential whose standing is cached (the common case for one in use) is answered without waiting.
 */
export function verifyCredential(
  context: ServiceContext,
  credential: string,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  if (looksLikeJwt(credential)) return verifyTokenCredential(context, credential, request);
  return isPersonalToken(context, credential)
    ? verifyPersonalToken(context, credential, request)
    : verifyApiKey(context, credential, request);
}
