import { PortcullisError } from '../../core/errors.ts';
import type { Client } from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { authenticateClientCredential, type PresentedClientCredential } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import { authenticatePlatformKey } from '../platform/platform-keys.ts';

/** Who may introspect or revoke a token: a resource server with a platform key, or a client. */
export type ResourceCaller =
  | { kind: 'platform'; principal: Principal }
  | { kind: 'client'; client: Client; ip: string | null };

export type ResourceCallerAuthentication =
  | { ok: true; caller: ResourceCaller }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** What a request to the introspection or revocation endpoint authenticates with (RFC 7662 §2.1, RFC 7009 §2.1). */
export type PresentedCaller =
  | { kind: 'bearer'; credential: string }
  | { kind: 'client'; credential: PresentedClientCredential };

/**
 * A platform key that holds `verify` (a platform key without it is refused through the one policy, which writes
 * the denial), or an active client, throttled after repeated failures like the token endpoint.
 */
export async function authenticateResourceCaller(
  context: ServiceContext,
  presented: PresentedCaller,
  ip: string | null,
): Promise<ResourceCallerAuthentication> {
  if (presented.kind === 'bearer') {
    const key = await authenticatePlatformKey(context, presented.credential);
    if (key === undefined) return { ok: false, reason: 'invalid' };
    const principal = key.kind === 'platform_key' ? { ...key, ip } : key;
    try {
      authorize(context, principal, { platform: 'verify' });
    } catch (error) {
      if (error instanceof PortcullisError && error.code === 'insufficient_scope') {
        return { ok: false, reason: 'invalid' };
      }
      throw error;
    }
    return { ok: true, caller: { kind: 'platform', principal } };
  }
  const authenticated = await authenticateClientCredential(context, presented.credential, ip);
  if (authenticated.ok) return { ok: true, caller: { kind: 'client', client: authenticated.client, ip } };
  if (authenticated.reason === 'throttled') {
    return { ok: false, reason: 'throttled', retryAfterSeconds: authenticated.retryAfterSeconds };
  }
  return { ok: false, reason: 'invalid' };
}
