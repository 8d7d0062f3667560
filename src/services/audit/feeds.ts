import type {
  ActivityFilter,
  ActivityRecordRow,
  Page,
  PageRequest,
  RequestFilter,
  RequestRecordRow,
} from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { getTenant } from '../tenants/manage.ts';

/** The tenant's request feed, newest first. Rows still in the write buffer are flushed first. */
export async function listRequests(
  context: ServiceContext,
  tenantId: string,
  filter: RequestFilter,
  page: PageRequest,
): Promise<Page<RequestRecordRow>> {
  await getTenant(context, tenantId);
  await context.requestFeed.flush();
  return context.store.requestLog.list(tenantId, filter, page);
}

export async function listActivity(
  context: ServiceContext,
  tenantId: string,
  filter: ActivityFilter,
  page: PageRequest,
): Promise<Page<ActivityRecordRow>> {
  await getTenant(context, tenantId);
  // Token issuance is buffered with the request feed: write it before reading.
  await context.requestFeed.flush();
  return context.store.activityLog.list(tenantId, filter, page);
}
