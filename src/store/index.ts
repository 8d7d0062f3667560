import { sql } from 'kysely';
import { ActivityLogStore } from './activity-log.ts';
import { ApiKeyStore } from './api-keys.ts';
import { AppStore } from './apps.ts';
import { ClientAssertionStore } from './client-assertions.ts';
import { ClientStore } from './clients.ts';
import {
  type Connection,
  type ConnectionTarget,
  checkConnection,
  migrateToLatest,
  openConnection,
  type PoolUsage,
} from './connection.ts';
import { DeploymentStore } from './deployment.ts';
import {
  type FeedWriter,
  inlineSqliteFeedWriter,
  queryBuilderFeedWriter,
  workerFeedWriter,
} from './feed-writer.ts';
import { IdempotencyKeyStore } from './idempotency-keys.ts';
import { InstallationStore } from './installations.ts';
import { type InvalidationBus, sqliteInvalidationBus } from './invalidation.ts';
import { InvitationStore } from './invitations.ts';
import { ManagementKeyStore } from './management-keys.ts';
import { OAuthGrantStore } from './oauth-grants.ts';
import { OutboxStore } from './outbox.ts';
import { PersonalTokenStore } from './personal-tokens.ts';
import { PlatformKeyStore } from './platform-keys.ts';
import { postgresInvalidationBus } from './postgres-bus.ts';
import { RequestLogStore } from './request-log.ts';
import { RevokedTokenStore } from './revoked-tokens.ts';
import type { Scope } from './scope.ts';
import { SessionStore } from './sessions.ts';
import { SigningKeyStore } from './signing-keys.ts';
import { TenantStore } from './tenants.ts';
import { unitOpener } from './unit-of-work.ts';
import { UsageRollupStore, UsageTally } from './usage-rollups.ts';
import { UserStore } from './users.ts';
import { WebhookDeliveryStore } from './webhook-deliveries.ts';
import { WebhookEndpointStore } from './webhook-endpoints.ts';
import { WebhookNoticeStore } from './webhook-notices.ts';

export type { ActivityFilter, ActivityRecord, ActivityRecordRow } from './activity-log.ts';
export type {
  ApiKey,
  ApiKeySecret,
  DirectoryRows,
  DirectorySecretRow,
  DirectoryTenantRow,
  KeyChanges,
  KeyCredits,
  KeyFilter,
  KeyForVerification,
} from './api-keys.ts';
export type { App, AppChanges, DeleteAppResult } from './apps.ts';
export type {
  Client,
  ClientBySecret,
  ClientChanges,
  ClientFilter,
  ClientSecret,
  InsertClientResult,
} from './clients.ts';
export type { ConnectionTarget, Dialect, PoolUsage } from './connection.ts';
export type { Deployment, PepperCheck, ServedConfig } from './deployment.ts';
export type { IdempotencyClaim, StoredResponse } from './idempotency-keys.ts';
export type { Installation } from './installations.ts';
export type { InvalidationBus } from './invalidation.ts';
export type { Invitation } from './invitations.ts';
export type {
  ManagementKey,
  ManagementKeyFilter,
  ManagementKeyForAuthentication,
  NewManagementKey,
} from './management-keys.ts';
export type { AuthorizationCode, RefreshToken } from './oauth-grants.ts';
export type { OutboxEvent, OutboxRow } from './outbox.ts';
export type { Page, PageRequest } from './pagination.ts';
export type {
  NewPersonalToken,
  PersonalToken,
  PersonalTokenForVerification,
} from './personal-tokens.ts';
export type { PlatformKey } from './platform-keys.ts';
export { latestAt, type PackedRequests, RequestBatch, unpackRequests } from './request-batch.ts';
export type { RequestFilter, RequestRecord, RequestRecordRow } from './request-log.ts';
export type { Change } from './scope.ts';
export type { ConsoleHandoff, NewSession, Session, SessionForAuthentication } from './sessions.ts';
export type { SigningKey } from './signing-keys.ts';
export type { Tenant, TenantChanges, TenantStatus } from './tenants.ts';
export {
  BUCKET_MS,
  bucketStartOf,
  type UsageBucketCount,
  type UsageCount,
  type UsageGranularity,
  type UsageQuery,
  usageGranularities,
} from './usage-rollups.ts';
export type {
  Member,
  Membership,
  MembershipWithTenant,
  NewUser,
  Role,
  User,
  UserChanges,
  UserFilter,
  UserStatus,
} from './users.ts';
export type {
  AttemptOutcome,
  DeliveryWithAttempts,
  UndispatchedEvent,
  WebhookAttempt,
  WebhookDelivery,
} from './webhook-deliveries.ts';
export type { WebhookEndpoint, WebhookEndpointChanges } from './webhook-endpoints.ts';
export type { ExpiringKey } from './webhook-notices.ts';

/** Every aggregate, over one scope: the store's connection, or the transaction of a unit of work. */
export interface Aggregates {
  readonly tenants: TenantStore;
  readonly platformKeys: PlatformKeyStore;
  readonly apiKeys: ApiKeyStore;
  readonly activityLog: ActivityLogStore;
  readonly outbox: OutboxStore;
  readonly apps: AppStore;
  readonly clients: ClientStore;
  readonly managementKeys: ManagementKeyStore;
  readonly signingKeys: SigningKeyStore;
  readonly revokedTokens: RevokedTokenStore;
  readonly clientAssertions: ClientAssertionStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly invitations: InvitationStore;
  readonly personalTokens: PersonalTokenStore;
  readonly webhookEndpoints: WebhookEndpointStore;
  readonly webhookDeliveries: WebhookDeliveryStore;
  readonly idempotencyKeys: IdempotencyKeyStore;
  readonly webhookNotices: WebhookNoticeStore;
  readonly installations: InstallationStore;
  readonly oauthGrants: OAuthGrantStore;
}

/** The aggregates as a unit of work sees them: every write commits with the unit, or not at all. */
export type StoreUnit = Aggregates;

/** Every aggregate's store over one connection. Each tenant-data read takes the tenant id. */
export interface Store extends Aggregates {
  readonly dialect: Connection['dialect'];
  readonly requestLog: RequestLogStore;
  /** Calls counted per bucket, kept by the request feed's flushes (decision 030). */
  readonly usageRollups: UsageRollupStore;
  /** The deployment record every node checks its secrets and takes its issuer from. */
  readonly deployment: DeploymentStore;
  /** A trivial query: resolves once the database answers (readiness). */
  ping(): Promise<void>;
  /** The PostgreSQL pool's connections now; undefined on the embedded database (one connection, no pool). */
  poolUsage(): PoolUsage | undefined;
  /**
   * Runs `work` in one transaction: its changes, activity rows and outbox events commit together or not at
   * all, and what it changed is told to the invalidation bus once it has committed.
   */
  unitOfWork<T>(work: (unit: StoreUnit) => Promise<T>): Promise<T>;
  /** Calls `listener` after each commit in this process that appended outbox events; returns its removal. */
  onOutboxCommitted(listener: () => void): () => void;
  /** How caches and the key directory learn that what they hold may be stale. */
  readonly invalidation: InvalidationBus;
  /** Writes the buffered request feed: off the request thread where the database allows it. */
  readonly feedWriter: FeedWriter;
  close(): Promise<void>;
}

function aggregatesOver(scope: Scope): Aggregates {
  return {
    tenants: new TenantStore(scope),
    platformKeys: new PlatformKeyStore(scope),
    apiKeys: new ApiKeyStore(scope),
    activityLog: new ActivityLogStore(scope),
    outbox: new OutboxStore(scope),
    apps: new AppStore(scope),
    clients: new ClientStore(scope),
    managementKeys: new ManagementKeyStore(scope),
    signingKeys: new SigningKeyStore(scope),
    revokedTokens: new RevokedTokenStore(scope),
    clientAssertions: new ClientAssertionStore(scope),
    users: new UserStore(scope),
    sessions: new SessionStore(scope),
    invitations: new InvitationStore(scope),
    personalTokens: new PersonalTokenStore(scope),
    webhookEndpoints: new WebhookEndpointStore(scope),
    webhookDeliveries: new WebhookDeliveryStore(scope),
    idempotencyKeys: new IdempotencyKeyStore(scope),
    webhookNotices: new WebhookNoticeStore(scope),
    installations: new InstallationStore(scope),
    oauthGrants: new OAuthGrantStore(scope),
  };
}

export interface StoreOptions {
  /**
   * How stale another process's writes may be seen, at most, on the embedded database (the change counter is
   * read at most this often): 1 ms by default; 0 reads it on every lookup.
   */
  counterReadIntervalMs?: number;
  /** Told when the PostgreSQL bus loses its connection or cannot connect (it retries by itself). */
  onBusError?: (error: unknown) => void;
  /**
   * On a database file, start the request feed's writer thread on the first write rather than now: for a process
   * that writes no feed (a CLI command), which then never waits for the thread to start or stop.
   */
  feedWriterOnFirstWrite?: boolean;
}

/** Opens the database, applies pending migrations and returns the stores. */
export async function openStore(target: ConnectionTarget, options: StoreOptions = {}): Promise<Store> {
  const connection = openConnection(target);
  try {
    await checkConnection(connection, target);
    await migrateToLatest(connection);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  const postgresBus =
    'postgresUrl' in target ? postgresInvalidationBus(target.postgresUrl, options.onBusError) : undefined;
  const invalidation: InvalidationBus = connection.sqlite
    ? sqliteInvalidationBus(connection.sqlite, options.counterReadIntervalMs)
    : (postgresBus as InvalidationBus);
  const outboxListeners = new Set<() => void>();
  const openUnit = unitOpener(connection.db, connection.dialect, invalidation, () => {
    for (const listener of outboxListeners) listener();
  });
  const top: Scope = {
    db: connection.db,
    dialect: connection.dialect,
    sqlite: connection.sqlite,
    write: openUnit,
  };
  const aggregates = aggregatesOver(top);
  const requestLog = new RequestLogStore(connection.db);
  const usageTally = new UsageTally();
  const feedWriter = feedWriterFor(
    target,
    connection,
    options.feedWriterOnFirstWrite ?? false,
    usageTally,
    queryBuilderFeedWriter(
      (write) =>
        openUnit((unit) =>
          write({
            requestLog: new RequestLogStore(unit.db),
            usageRollups: new UsageRollupStore(unit.db),
            apiKeys: new ApiKeyStore(unit),
            activityLog: new ActivityLogStore(unit),
          }),
        ),
      usageTally,
    ),
  );
  return {
    ...aggregates,
    dialect: connection.dialect,
    requestLog,
    usageRollups: new UsageRollupStore(connection.db),
    deployment: new DeploymentStore(top),
    async ping() {
      await sql`select 1`.execute(connection.db);
    },
    poolUsage() {
      const { pool } = connection;
      if (!pool) return undefined;
      return {
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options.max,
      };
    },
    invalidation,
    onOutboxCommitted(listener) {
      outboxListeners.add(listener);
      return () => outboxListeners.delete(listener);
    },
    unitOfWork: (work) => openUnit((unit) => work(aggregatesOver(unit))),
    feedWriter,
    async close() {
      await feedWriter.close();
      await postgresBus?.close();
      await connection.db.destroy();
    },
  };
}

/** A database file gets a writer thread; an in-memory database writes inline; PostgreSQL via the builder. */
function feedWriterFor(
  target: ConnectionTarget,
  connection: Connection,
  onFirstWrite: boolean,
  usageTally: UsageTally,
  builder: FeedWriter,
): FeedWriter {
  if (!connection.sqlite || !('sqlitePath' in target)) return builder;
  return target.sqlitePath === ':memory:'
    ? inlineSqliteFeedWriter(connection.sqlite, builder, usageTally)
    : workerFeedWriter(target.sqlitePath, builder, onFirstWrite);
}

export { checkConnection, migrateToLatest, openConnection };
