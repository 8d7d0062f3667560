import { clientStatusAt } from '../../core/client-status.ts';
import type { Client } from '../../store/index.ts';
import { authenticateClient } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';

/** How the client of an authorization-code or refresh grant presented itself. */
export type GrantClientCredentials =
  | { kind: 'secret'; clientId: string; clientSecret: string }
  /** A public client (OAuth 2.1 §2.1): its `client_id` alone; PKCE and the bound tokens stand in for a secret. */
  | { kind: 'public'; clientId: string };

export type GrantClientResult =
  | { ok: true; client: Client }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The client of a user grant. A confidential client authenticates with its secret as for the client
 * credentials grant; a client of a public app, which holds no secret, is identified by its `client_id` —
 * and a confidential client that leaves its secret out is refused, never treated as public (OAuth 2.1 §3.2.1).
 */
export async function identifyGrantClient(
  context: ServiceContext,
  presented: GrantClientCredentials,
  ip: string | null,
): Promise<GrantClientResult> {
  if (presented.kind === 'secret') {
    const result = await authenticateClient(context, presented.clientId, presented.clientSecret, ip);
    if (result.ok) return { ok: true, client: result.client };
    if (result.reason === 'throttled') return result;
    return { ok: false, reason: 'invalid' };
  }
  if (presented.clientId.length > 64) return { ok: false, reason: 'invalid' };
  const owner = await context.store.clients.tenantOf(presented.clientId);
  const client = owner === undefined ? undefined : await context.store.clients.get(owner, presented.clientId);
  if (!client || client.appId === null || clientStatusAt(client, context.clock.now()) !== 'active') {
    return { ok: false, reason: 'invalid' };
  }
  const app = await context.store.apps.get(client.tenantId, client.appId);
  return app?.type === 'public' ? { ok: true, client } : { ok: false, reason: 'invalid' };
}
