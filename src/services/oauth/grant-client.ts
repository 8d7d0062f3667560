import { looksLikeDocumentUrl } from '../../core/client-metadata-document.ts';
import { clientStatusAt } from '../../core/client-status.ts';
import type { Client } from '../../store/index.ts';
import { authenticateClientCredential } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import { documentClient } from './metadata-document-client.ts';

/** How the client of an authorization-code or refresh grant presented itself. */
export type GrantClientCredentials =
  | { kind: 'secret'; clientId: string; clientSecret: string }
  /** `private_key_jwt` (decision 035): a JWT signed with one of the client's registered keys. */
  | { kind: 'assertion'; clientId: string; assertion: string }
  /** A public client (OAuth 2.1 §2.1): its `client_id` alone; PKCE and the bound tokens stand in for a secret. */
  | { kind: 'public'; clientId: string };

export type GrantClientResult =
  /** `clientId`: the `client_id` as the client knows it (a metadata document's URL), which its tokens carry. */
  | { ok: true; client: Client; clientId: string }
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
  if (presented.kind !== 'public') {
    const result = await authenticateClientCredential(
      context,
      presented.kind === 'secret'
        ? { kind: 'secret', clientId: presented.clientId, secret: presented.clientSecret }
        : presented,
      ip,
    );
    if (result.ok) return { ok: true, client: result.client, clientId: result.tokenClientId };
    if (result.reason === 'throttled') return result;
    return { ok: false, reason: 'invalid' };
  }
  if (looksLikeDocumentUrl(presented.clientId)) {
    // A metadata document's client (decision 031): its document must still be good, and its rows there
    // (written by the approval that issued the code).
    const resolved = await documentClient(context, presented.clientId);
    if (!resolved.ok || !resolved.found.stored) return { ok: false, reason: 'invalid' };
    // A document that names keys is a confidential client: it must sign an assertion (decision 035).
    if (resolved.found.document.jwks !== null || resolved.found.document.jwksUri !== null) {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, client: resolved.found.client, clientId: presented.clientId };
  }
  if (presented.clientId.length > 64) return { ok: false, reason: 'invalid' };
  const owner = await context.store.clients.tenantOf(presented.clientId);
  const client = owner === undefined ? undefined : await context.store.clients.get(owner, presented.clientId);
  if (!client || client.appId === null || clientStatusAt(client, context.clock.now()) !== 'active') {
    return { ok: false, reason: 'invalid' };
  }
  const app = await context.store.apps.get(client.tenantId, client.appId);
  return app?.type === 'public' && app.registeredVia !== 'metadata_document'
    ? { ok: true, client, clientId: client.id }
    : { ok: false, reason: 'invalid' };
}
