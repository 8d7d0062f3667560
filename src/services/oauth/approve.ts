import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Installation } from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import { actorOf, type SessionPrincipal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { installTargets, type ValidAuthorizationRequest } from './authorize.ts';
import { storeDocumentClient } from './metadata-document-client.ts';

/** An approval: the installation it made or renewed, and the code for the client's redirect. */
export interface Approval {
  installation: Installation;
  /** The authorization code, in plaintext: it leaves in the redirect's query and is stored only hashed. */
  code: string;
}

/**
 * A tenant admin approves an authorization request for `tenantId`: the one policy must give them
 * `manage:apps` there (decision 031), and the tenant must be one the app may be installed into. The
 * installation (app × tenant) is created or renewed with the granted scopes, resource and approver, its
 * activity row written, and a single-use code (256 random bits, ≤ 60 s, bound to the client, redirect URI,
 * PKCE challenge, scopes, resource, user and installation) is issued in the same unit of work.
 */
export async function approveAuthorization(
  context: ServiceContext,
  principal: SessionPrincipal,
  request: ValidAuthorizationRequest,
  tenantId: string,
): Promise<Approval> {
  authorize(context, principal, { tenantId, permission: 'manage:apps' });
  const targets = await installTargets(context, principal, request);
  if (!targets.some((target) => target.tenantId === tenantId)) {
    throw new PortcullisError('not_found', 'this app cannot be installed in that workspace');
  }
  const now = context.clock.now();
  const code = Buffer.from(context.random.bytes(32)).toString('base64url');
  const approve = () =>
    context.store.unitOfWork(async (unit) => {
      // A metadata document's client gets (or refreshes) its rows with its first (or next) approval.
      if (request.documentClient) await storeDocumentClient(unit, request.documentClient, now);
      const existing = await unit.installations.findLive(tenantId, request.client.id);
      let installation: Installation;
      if (existing) {
        installation = {
          ...existing,
          scopes: request.scopes,
          resource: request.resource,
          approvedBy: principal.userId,
          updatedAt: now,
        };
        await unit.installations.reapprove(tenantId, existing.id, installation, now);
      } else {
        installation = {
          id: newId('installation', context.random),
          tenantId,
          clientId: request.client.id,
          appId: request.app.id,
          scopes: request.scopes,
          resource: request.resource,
          approvedBy: principal.userId,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        };
        await unit.installations.insert(installation);
      }
      await unit.oauthGrants.insertCode({
        codeHash: context.peppers.hashCurrent(code),
        pepperVersion: context.peppers.current.version,
        familyId: newId('grant', context.random),
        tenantId,
        installationId: installation.id,
        clientId: request.client.id,
        userId: principal.userId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        scopes: request.scopes,
        resource: request.resource,
        createdAt: now,
        expiresAt: now + context.oauth.authorizationCodeTtlMs,
        usedAt: null,
      });
      await recordActivity(unit, actorOf(principal), now, {
        tenantId,
        action: 'installation.approved',
        targetType: 'installation',
        targetId: installation.id,
        mode: request.client.mode,
        details: {
          clientId: request.client.id,
          appId: request.app.id,
          scopes: request.scopes,
          resource: request.resource,
          renewed: existing !== undefined,
        },
      });
      return { installation, code };
    });
  if (!request.documentClient) return approve();
  try {
    return await approve();
  } catch {
    // Two first approvals of one document at once: the other inserted its rows; this one updates them.
    return approve();
  }
}
