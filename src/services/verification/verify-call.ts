import { isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import { authorize, type Need } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { verifyApiKey } from '../keys/verify.ts';
import { isPersonalToken, verifyPersonalToken } from '../people/verify-personal-token.ts';
import { verifyTokenCredential } from '../tokens/verify-token-credential.ts';
import { recordUsage, type UsageDetails, type VerifyResult } from './result.ts';
import { verifyCredential } from './verify-credential.ts';

/** A call the platform's API received, as it asks about it: the credential presented and what the call needs. */
export interface VerifyCall {
  key: string;
  scopes?: readonly string[] | undefined;
  /** The caller's address, for an IP allowlist. */
  ip?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
  /** The workspace a personal access token acts in (`x-workspace-id`). */
  workspaceId?: string | undefined;
  /** Usage credits to spend of an API key that counts them. */
  consume?: number | undefined;
}

const VERIFY: Need = { platform: 'verify' };

/**
 * `POST /api/v1/verify`: whether the credential the platform's API was presented may make this call. Needs a
 * platform key with `verify`; records the call in the request feed once the credential is identified. Answers
 * without waiting when the caller's and the credential's standing are in memory.
 */
export function verifyCall(
  context: ServiceContext,
  principal: Principal,
  call: VerifyCall,
  elapsedMs: () => number,
): MaybePromise<VerifyResult> {
  authorize(context, principal, VERIFY);
  const result = verifyCredential(context, call.key, {
    scopes: call.scopes,
    ip: call.ip,
    workspaceId: call.workspaceId,
    consume: call.consume,
  });
  const usage = (settled: VerifyResult) => {
    const details = usageOf(call, elapsedMs);
    recordUsage(context, settled, details);
    context.metrics.verified(settled.valid ? 'valid' : settled.code, details.latencyMs);
    return settled;
  };
  return isPromise(result) ? result.then(usage) : usage(result);
}

function usageOf(call: VerifyCall, elapsedMs: () => number): UsageDetails {
  return {
    method: call.method?.toUpperCase() ?? null,
    path: call.path ?? null,
    ip: call.ip ?? null,
    latencyMs: elapsedMs(),
  };
}

/** A runtime credential presenting itself: an access token (Bearer only), an API key or a personal token. */
export type OwnCredential =
  | { kind: 'access_token'; token: string }
  | { kind: 'api_key'; key: string; workspaceId?: string | undefined };

/**
 * `GET /api/v1/whoami`: what the presented credential is, with its rate limit spent by one call like any other,
 * and the call recorded in the request feed.
 */
export async function identifyCredential(
  context: ServiceContext,
  credential: OwnCredential,
  call: { ip: string; method: string; path: string | null },
  elapsedMs: () => number,
): Promise<VerifyResult> {
  const result =
    credential.kind === 'access_token'
      ? await verifyTokenCredential(context, credential.token, { ip: call.ip })
      : isPersonalToken(context, credential.key)
        ? await verifyPersonalToken(context, credential.key, {
            ip: call.ip,
            workspaceId: credential.workspaceId,
          })
        : await verifyApiKey(context, credential.key, { ip: call.ip });
  recordUsage(context, result, { method: call.method, path: call.path, ip: call.ip, latencyMs: elapsedMs() });
  return result;
}
