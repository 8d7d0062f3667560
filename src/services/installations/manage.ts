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

/** Live installations of a tenant, newest first; 404 for a tenant that does not exist. */
export async function listInstallations(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Installation>> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  await tenantOrNotFound(context, tenantId);
  return context.store.installations.list(tenantId, page);
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
): Promise<Installation> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  return liveOrNotFound(context, tenantId, id);
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
