import { isId } from '../../core/ids.ts';
import { isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { authenticateManagementKey, authenticateManagementToken } from '../management/authenticate.ts';
import { authenticatePlatformKey } from '../platform/platform-keys.ts';
import { looksLikeJwt } from '../tokens/verify-access-token.ts';
import { actorOf, type Principal } from './principal.ts';

/** A credential as a request presented it; the HTTP layer reads it from headers (or the legacy query). */
export type PresentedCredential =
  /** `Authorization: Bearer <credential>` or `ApiKey <credential>`: a platform key or an M2M access token. */
  | { kind: 'authorization'; scheme: 'Bearer' | 'ApiKey'; credential: string }
  /** A management key pair: `X-Api-Key` + `X-Api-Secret`, or `?apikey=&apisecret=` when the operator allows it. */
  | { kind: 'pair'; apiKey: unknown; apiSecret: unknown; viaQuery: boolean };

export type Authentication =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

const INVALID: Authentication = { ok: false, reason: 'invalid' };

/** Where the call came from, for the actor of activity rows and per-address throttling. */
export interface Caller {
  ip: string | null;
  method?: string | undefined;
  route?: string | undefined;
}

/**
 * Who a presented credential is: a platform key, an M2M access token (`Bearer` with a JWT; its audience must
 * be this issuer) or a management key pair. Never throws for a normal "no". Failed pair authentications are
 * throttled per key id and per address, and gathered into the key's tenant's activity feed.
 */
export function authenticatePrincipal(
  context: ServiceContext,
  presented: PresentedCredential,
  caller: Caller,
): MaybePromise<Authentication> {
  if (presented.kind === 'pair') return authenticatePair(context, presented, caller);
  const { credential, scheme } = presented;
  if (scheme === 'Bearer' && looksLikeJwt(credential)) return authenticateToken(context, credential, caller);
  const principal = authenticatePlatformKey(context, credential);
  return isPromise(principal)
    ? principal.then((settled) => platformKeyAuthentication(settled, caller.ip))
    : platformKeyAuthentication(principal, caller.ip);
}

/** The cached principal carries no address; the one a request acts as carries the caller's. */
function platformKeyAuthentication(principal: Principal | undefined, ip: string | null): Authentication {
  if (!principal) return INVALID;
  return {
    ok: true,
    principal: principal.kind === 'local' || principal.ip === ip ? principal : { ...principal, ip },
  };
}

async function authenticateToken(
  context: ServiceContext,
  token: string,
  caller: Caller,
): Promise<Authentication> {
  const result = await authenticateManagementToken(context, token);
  if (!result.valid) return INVALID;
  const { claims } = result;
  return {
    ok: true,
    principal: {
      kind: 'access_token',
      id: claims.clientId,
      tenantId: claims.tenantId,
      mode: claims.mode,
      permissions: claims.scopes,
      jti: claims.jti,
      ip: caller.ip,
    },
  };
}

async function authenticatePair(
  context: ServiceContext,
  presented: Extract<PresentedCredential, { kind: 'pair' }>,
  caller: Caller,
): Promise<Authentication> {
  const { apiKey, apiSecret } = presented;
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string' || apiSecret.length > 256) return INVALID;
  const now = context.clock.now();
  // A well-formed id is throttled by itself; anything else shares one bucket, so junk ids cannot dodge it.
  const credentialId = isId('managementKey', apiKey) ? apiKey : 'malformed';
  const throttled = context.failureThrottle.retryAfter(credentialId, caller.ip, now);
  const result = await authenticateManagementKey(context, apiKey, apiSecret);
  const retryAfterSeconds = await throttled;
  // As for clients: the right secret is never refused, so knowing a pair's id cannot lock it out.
  if (!result.valid && retryAfterSeconds > 0) {
    context.metrics.rateLimited('failed_authentication');
    return { ok: false, reason: 'throttled', retryAfterSeconds };
  }
  if (!result.valid) {
    await context.failureThrottle.failed(credentialId, caller.ip, now);
    if (result.tenantId !== undefined) {
      context.requestFeed.recordFailure(
        {
          tenantId: result.tenantId,
          action: 'management_key.authentication_failed',
          actor: { type: 'management_key', id: apiKey, ip: caller.ip },
          targetType: 'management_key',
          targetId: apiKey,
          reason: result.code,
        },
        now,
      );
    }
    return INVALID;
  }
  const { key } = result;
  const principal: Principal = {
    kind: 'management_key',
    id: key.id,
    tenantId: key.tenantId,
    mode: key.mode,
    permissions: key.permissions,
    ip: caller.ip,
  };
  if (presented.viaQuery) {
    // Every use of the legacy form is marked, whatever the route then answers: the secret sat in a URL.
    await context.store.unitOfWork((unit) =>
      recordActivity(unit, actorOf(principal), now, {
        tenantId: key.tenantId,
        action: 'management.legacy_query_credentials',
        targetType: 'management_key',
        targetId: key.id,
        mode: key.mode,
        details: { method: caller.method ?? null, route: caller.route ?? null },
      }),
    );
  }
  return { ok: true, principal };
}
