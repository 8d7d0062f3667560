import { ActivityLogStore } from './activity-log.ts';
import { ApiKeyStore } from './api-keys.ts';
import { type Connection, type ConnectionTarget, migrateToLatest, openConnection } from './connection.ts';
import { PlatformKeyStore } from './platform-keys.ts';
import { RequestLogStore } from './request-log.ts';
import { TenantStore } from './tenants.ts';

export type { ActivityFilter, ActivityRecord, ActivityRecordRow } from './activity-log.ts';
export type { ApiKey, ApiKeySecret, KeyForVerification } from './api-keys.ts';
export type { ConnectionTarget, Dialect } from './connection.ts';
export type { Page, PageRequest } from './pagination.ts';
export type { PlatformKey } from './platform-keys.ts';
export type { RequestFilter, RequestRecord, RequestRecordRow } from './request-log.ts';
export type { Tenant, TenantChanges, TenantStatus } from './tenants.ts';

/** Every aggregate's store over one connection. Each tenant-data read takes the tenant id. */
export interface Store {
  readonly dialect: Connection['dialect'];
  readonly tenants: TenantStore;
  readonly platformKeys: PlatformKeyStore;
  readonly apiKeys: ApiKeyStore;
  readonly requestLog: RequestLogStore;
  readonly activityLog: ActivityLogStore;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations and returns the stores. */
export async function openStore(target: ConnectionTarget): Promise<Store> {
  const connection = openConnection(target);
  try {
    await migrateToLatest(connection);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  return {
    dialect: connection.dialect,
    tenants: new TenantStore(connection.db),
    platformKeys: new PlatformKeyStore(connection.db),
    apiKeys: new ApiKeyStore(connection),
    requestLog: new RequestLogStore(connection.db),
    activityLog: new ActivityLogStore(connection.db),
    close: () => connection.db.destroy(),
  };
}

export { migrateToLatest, openConnection };
