import { PortcullisError } from '../../core/errors.ts';
import type { Installation, Page, PageRequest } from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { tenantOrNotFound } from '../tenants/manage.ts';

/**
 * Installations are read like apps (a role that reads everything may list them) and removed with
 * `manage:apps`, the permission that also approves them (decision 031).
 */
const PERMISSION = 'manage:apps';

/** What a tenant admin needs to recognise an installed app: whose it is, its name and logo, who approved it. */
export interface InstallationView extends Installation {
  app: {
    name: string;
    logoUrl: string | null;
    homepageUrl: string | null;
    /** `tenant`: this workspace's own app; `platform`: another workspace's app the platform made public; `registered`: registered through RFC 7591 by whoever asked. */
    publisher: 'tenant' | 'platform' | 'registered';
  };
  approvedByName: string | null;
}

/** The app behind an installation, read from the tenant that owns its client (which may be another one). */
async function describe(context: ServiceContext, installation: Installation): Promise<InstallationView> {
  const owner = (await context.store.clients.tenantOf(installation.clientId)) ?? installation.tenantId;
  const client = await context.store.clients.get(owner, installation.clientId);
  const app = installation.appId ? await context.store.apps.get(owner, installation.appId) : undefined;
  const approver = await context.store.users.get(installation.approvedBy);
  const publisher =
    app?.registeredVia === 'dynamic' || app?.registeredVia === 'metadata_document'
      ? 'registered'
      : owner === installation.tenantId
        ? 'tenant'
        : 'platform';
  return {
    ...installation,
    app: {
      name: app?.name ?? client?.name ?? installation.clientId,
      logoUrl: app?.logoUrl ?? null,
      homepageUrl: app?.homepageUrl ?? null,
      publisher,
    },
    approvedByName: approver ? approver.name || approver.email : null,
  };
}

/** Live installations of a tenant, newest first; 404 for a tenant that does not exist. */
export async function listInstallations(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
): Promise<Page<InstallationView>> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  await tenantOrNotFound(context, tenantId);
  const listed = await context.store.installations.list(tenantId, page);
  return {
    items: await Promise.all(listed.items.map((installation) => describe(context, installation))),
    nextCursor: listed.nextCursor,
  };
}

async function liveOrNotFound(context: ServiceContext, tenantId: string, id: string): Promise<Installation> {
  const installation = await context.store.installations.get(tenantId, id);
  // An uninstalled one is gone, as a deleted client is (decision 005).
  if (!installation || installation.deletedAt !== null) {
    throw new PortcullisError('not_found', 'installation not found');
  }
  return installation;
}

export async function getInstallation(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  id: string,
): Promise<InstallationView> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  return describe(context, await liveOrNotFound(context, tenantId, id));
}

/**
 * Uninstalls: the installation's refresh tokens are revoked, and its access tokens are refused from the next
 * request on (the verify path checks the installation; the recorded change empties every node's cache).
 */
export async function uninstall(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  id: string,
): Promise<void> {
  authorize(context, principal, { tenantId, permission: PERMISSION });
  const installation = await liveOrNotFound(context, tenantId, id);
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    const removed = await unit.installations.uninstall(tenantId, id, now);
    if (!removed) throw new PortcullisError('not_found', 'installation not found');
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'installation.removed',
      targetType: 'installation',
      targetId: id,
      details: { clientId: installation.clientId },
    });
  });
}
