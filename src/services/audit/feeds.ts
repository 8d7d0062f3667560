import type {
  ActivityFilter,
  ActivityRecordRow,
  Page,
  PageRequest,
  RequestFilter,
  RequestRecordRow,
} from '../../store/index.ts';
import { authorize, confinedMode } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { tenantOrNotFound } from '../tenants/manage.ts';

/** The tenant's request feed, newest first. Rows still in the write buffer are flushed first. */
export async function listRequests(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  filter: RequestFilter,
  page: PageRequest,
): Promise<Page<RequestRecordRow>> {
  authorize(context, principal, { tenantId, permission: 'read:audit', read: true });
  await tenantOrNotFound(context, tenantId);
  await context.requestFeed.flush();
  // A test-mode credential reads the calls of test-mode credentials only.
  return context.store.requestLog.list(tenantId, { ...filter, mode: confinedMode(principal) }, page);
}

/** The tenant's activity feed, newest first, with refusals gathered so far written out first. */
export async function listActivity(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  filter: Omit<ActivityFilter, 'tenantId'>,
  page: PageRequest,
): Promise<Page<ActivityRecordRow>> {
  authorize(context, principal, { tenantId, permission: 'read:audit', read: true });
  await tenantOrNotFound(context, tenantId);
  await context.requestFeed.flushForRead();
  // A test-mode credential reads rows about test-mode objects and those about both modes, never live ones: asking
  // for live ones lists nothing, as if there were none.
  const confined = confinedMode(principal);
  if (confined !== undefined && filter.mode !== undefined && filter.mode !== confined) {
    return { items: [], nextCursor: null };
  }
  return context.store.activityLog.list({ ...filter, tenantId, mode: confined ?? filter.mode }, page);
}

/**
 * The platform's activity feed: every row, of every tenant and outside them (platform keys issued, signing
 * keys rotated, tenants created), newest first; `tenantId` narrows it to one tenant, null to the platform's
 * own rows.
 */
export async function listPlatformActivity(
  context: ServiceContext,
  principal: Principal,
  filter: ActivityFilter,
  page: PageRequest,
): Promise<Page<ActivityRecordRow>> {
  authorize(context, principal, { platform: 'manage' });
  await context.requestFeed.flushForRead();
  return context.store.activityLog.list(filter, page);
}
