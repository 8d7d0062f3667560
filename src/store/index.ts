import { ActivityLogStore } from './activity-log.ts';
import { ApiKeyStore } from './api-keys.ts';
import { AppStore } from './apps.ts';
import { CHANGE_COUNTER, DIRECTORY_SEQUENCE, localChangeEpoch } from './change-counter.ts';
import { ClientStore } from './clients.ts';
import { type Connection, type ConnectionTarget, migrateToLatest, openConnection } from './connection.ts';
import {
  type FeedWriter,
  inlineSqliteFeedWriter,
  queryBuilderFeedWriter,
  workerFeedWriter,
} from './feed-writer.ts';
import { ManagementKeyStore } from './management-keys.ts';
import { PlatformKeyStore } from './platform-keys.ts';
import { RequestLogStore } from './request-log.ts';
import { RevokedTokenStore } from './revoked-tokens.ts';
import { SigningKeyStore } from './signing-keys.ts';
import { TenantStore } from './tenants.ts';

export type { ActivityFilter, ActivityRecord, ActivityRecordRow } from './activity-log.ts';
export type {
  ApiKey,
  ApiKeySecret,
  DirectoryRows,
  DirectorySecretRow,
  DirectoryTenantRow,
  KeyForVerification,
} from './api-keys.ts';
export type { App, AppChanges, DeleteAppResult } from './apps.ts';
export type { Client, ClientBySecret, ClientChanges, ClientSecret, InsertClientResult } from './clients.ts';
export type { ConnectionTarget, Dialect } from './connection.ts';
export type { ManagementKey, ManagementKeyForAuthentication, NewManagementKey } from './management-keys.ts';
export type { Page, PageRequest } from './pagination.ts';
export type { PlatformKey } from './platform-keys.ts';
export { type PackedRequests, RequestBatch, unpackRequests } from './request-batch.ts';
export type { RequestFilter, RequestRecord, RequestRecordRow } from './request-log.ts';
export type { SigningKey } from './signing-keys.ts';
export type { Tenant, TenantChanges, TenantStatus } from './tenants.ts';

/** Every aggregate's store over one connection. Each tenant-data read takes the tenant id. */
export interface Store {
  readonly dialect: Connection['dialect'];
  readonly tenants: TenantStore;
  readonly platformKeys: PlatformKeyStore;
  readonly apiKeys: ApiKeyStore;
  readonly requestLog: RequestLogStore;
  readonly activityLog: ActivityLogStore;
  readonly apps: AppStore;
  readonly clients: ClientStore;
  readonly managementKeys: ManagementKeyStore;
  readonly signingKeys: SigningKeyStore;
  readonly revokedTokens: RevokedTokenStore;
  /**
   * The change counter: it moves with every write, by any process, that can change a verification
   * (revoke, roll, tenant plan or status). Undefined on PostgreSQL, where reading it is a network round trip
   * per request, so caches that depend on it stay off there.
   */
  changeToken(): number | undefined;
  /** The key directory's sequence (migration 005), read the same way; undefined on PostgreSQL. */
  directoryToken(): number | undefined;
  /** Writes the buffered request feed: off the request thread where the database allows it. */
  readonly feedWriter: FeedWriter;
  close(): Promise<void>;
}

/**
 * The change counter and the directory sequence, both read by one statement at most once a millisecond:
 * writes by this process move a local epoch that forces a read, so they take effect on the very next
 * request; another process's write (the CLI) is seen within a millisecond of its commit.
 *
 * While a query-builder transaction holds the connection, both are undefined, so every cache and the key
 * directory stand aside: a read there would see the transaction's uncommitted values (a counter moved before
 * the rows it guards, or a sequence value that may yet roll back), and trusting those let a revoked key be
 * cached as valid.
 */
function countersOf(connection: Connection): {
  changeToken: () => number | undefined;
  directoryToken: () => number | undefined;
} {
  const sqlite = connection.sqlite;
  if (!sqlite) return { changeToken: () => undefined, directoryToken: () => undefined };
  const statement = sqlite.prepare(
    `SELECT (SELECT value FROM change_counter WHERE id = ${CHANGE_COUNTER}),
      (SELECT value FROM change_counter WHERE id = ${DIRECTORY_SEQUENCE})`,
  );
  statement.setReturnArrays(true);
  let values: [number, number] = [0, 0];
  let readAt = Number.NEGATIVE_INFINITY;
  let epoch = -1;
  const read = (): [number | undefined, number | undefined] => {
    if (sqlite.isTransaction) return [undefined, undefined];
    const now = performance.now();
    if (epoch !== localChangeEpoch() || now - readAt >= 1) {
      epoch = localChangeEpoch();
      values = statement.get() as unknown as [number, number];
      readAt = now;
    }
    return values;
  };
  return { changeToken: () => read()[0], directoryToken: () => read()[1] };
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
  const apiKeys = new ApiKeyStore(connection);
  const requestLog = new RequestLogStore(connection.db);
  const activityLog = new ActivityLogStore(connection.db);
  const feedWriter = feedWriterFor(
    target,
    connection,
    queryBuilderFeedWriter(requestLog, apiKeys, activityLog),
  );
  return {
    dialect: connection.dialect,
    tenants: new TenantStore(connection.db, connection.dialect),
    platformKeys: new PlatformKeyStore(connection.db),
    apiKeys,
    requestLog,
    feedWriter,
    activityLog,
    apps: new AppStore(connection),
    clients: new ClientStore(connection),
    managementKeys: new ManagementKeyStore(connection.db),
    signingKeys: new SigningKeyStore(connection.db),
    revokedTokens: new RevokedTokenStore(connection.db),
    ...countersOf(connection),
    async close() {
      await feedWriter.close();
      await connection.db.destroy();
    },
  };
}

/** A database file gets a writer thread; an in-memory database writes inline; PostgreSQL via the builder. */
function feedWriterFor(target: ConnectionTarget, connection: Connection, builder: FeedWriter): FeedWriter {
  if (!connection.sqlite || !('sqlitePath' in target)) return builder;
  return target.sqlitePath === ':memory:'
    ? inlineSqliteFeedWriter(connection.sqlite, builder)
    : workerFeedWriter(target.sqlitePath, builder);
}

export { migrateToLatest, openConnection };
