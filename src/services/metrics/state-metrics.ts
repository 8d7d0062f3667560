import type { Registry } from 'prom-client';
import type { ServiceContext } from '../context.ts';
import type { SharedLimitsState } from '../rate-limit/shared-limits.ts';
import type { VersionedCache } from '../verification/versioned-cache.ts';
import { collectedCounter, collectedGauge, countsByLabel, type Labels } from './collected.ts';

const sharedLimitsStates: readonly SharedLimitsState[] = ['shared', 'local', 'refusing'];

/**
 * Registers what `/metrics` reads where it lives, when scraped: the caches, the key directory, the request feed's
 * and the issuance log's backlog, the invalidation bus, the database pool and the shared rate limits. Nothing here
 * runs on a request. `context` is read at each scrape, so a part replaced after start-up is the one reported.
 */
export function registerStateMetrics(registry: Registry, context: ServiceContext): void {
  registerCacheMetrics(registry, context);
  collectedGauge(registry, {
    name: 'portcullis_key_directory_secrets',
    help: 'API key secrets held in the key directory (0 where it is off)',
    read: () => context.keyDirectory.size,
  });
  collectedGauge(registry, {
    name: 'portcullis_request_feed_backlog_rows',
    help: 'Request-feed rows recorded and not yet written: buffered, or in the write under way',
    read: () => context.requestFeed.backlog,
  });
  collectedCounter(registry, {
    name: 'portcullis_request_feed_failed_writes_total',
    help: 'Request-feed writes that failed; their rows are kept for the next one',
    read: () => context.requestFeed.failedWrites,
  });
  collectedGauge(registry, {
    name: 'portcullis_issuance_log_uncommitted_rows',
    help: 'token.issued activity rows appended and not committed yet; their tokens are answered once they are',
    read: () => context.issuanceLog.uncommitted,
  });
  registerBusMetrics(registry, context);
  if (context.store.poolUsage() !== undefined) registerPoolMetrics(registry, context);
  if (context.sharedLimits) registerSharedLimitsMetrics(registry, context);
}

function registerCacheMetrics(registry: Registry, context: ServiceContext): void {
  const caches = (): [string, VersionedCache<unknown>][] => [
    ['platform_keys', context.authenticatedPlatformKeys],
    ['verified_keys', context.verifiedKeys],
    ['verified_tokens', context.verifiedTokens],
    ['verified_personal_tokens', context.verifiedPersonalTokens],
    ['clients', context.authenticatedClients],
    ['tenants', context.tenantsById],
  ];
  collectedGauge(registry, {
    name: 'portcullis_cache_entries',
    help: 'Entries held in each cache of credentials and tenants',
    labelNames: ['cache'],
    read: () => caches().map(([cache, held]): [Labels, number] => [{ cache }, held.size]),
  });
  collectedCounter(registry, {
    name: 'portcullis_cache_lookups_total',
    help: 'Cache lookups: answered from memory (hit), loaded (miss), or loaded because the invalidation bus could not confirm the cache is current (bypass)',
    labelNames: ['cache', 'result'],
    read: () => caches().flatMap(([cache, held]) => countsByLabel('result', held.lookups, { cache })),
  });
}

function registerBusMetrics(registry: Registry, context: ServiceContext): void {
  const status = () => context.store.invalidation.status();
  collectedGauge(registry, {
    name: 'portcullis_invalidation_bus_connected',
    help: '1 while the invalidation bus hears of changes made by other nodes; while 0 the caches stand aside and every lookup reads the database',
    read: () => (status().connected ? 1 : 0),
  });
  if (context.store.dialect !== 'postgres') return;
  collectedCounter(registry, {
    name: 'portcullis_invalidation_bus_reconnects_total',
    help: 'Times the LISTEN connection of the invalidation bus was established again after it was lost',
    read: () => status().reconnects,
  });
  collectedGauge(registry, {
    name: 'portcullis_invalidation_bus_last_heard_seconds',
    help: 'Seconds since the invalidation bus last heard from PostgreSQL: a notice of a change, or its (re)connection',
    read: () => (performance.now() - (status().lastHeardAt ?? performance.now())) / 1000,
  });
}

function registerPoolMetrics(registry: Registry, context: ServiceContext): void {
  const usage = () => context.store.poolUsage();
  collectedGauge(registry, {
    name: 'portcullis_db_pool_connections',
    help: 'PostgreSQL pool connections: open (total), idle, and the most it opens (max, database.poolSize)',
    labelNames: ['state'],
    read: () => {
      const now = usage();
      return now ? countsByLabel('state', { total: now.total, idle: now.idle, max: now.max }) : [];
    },
  });
  collectedGauge(registry, {
    name: 'portcullis_db_pool_waiting_queries',
    help: 'Queries waiting for a PostgreSQL pool connection',
    read: () => usage()?.waiting ?? 0,
  });
}

function registerSharedLimitsMetrics(registry: Registry, context: ServiceContext): void {
  collectedGauge(registry, {
    name: 'portcullis_shared_limits_state',
    help: 'Where rate limits are counted now (1 for the current state): shared in Redis; local to this node, or refusing, while Redis is unreachable',
    labelNames: ['state'],
    read: () => {
      const now = context.sharedLimits?.state();
      return sharedLimitsStates.map((state): [Labels, number] => [{ state }, state === now ? 1 : 0]);
    },
  });
  collectedCounter(registry, {
    name: 'portcullis_shared_limits_outages_total',
    help: 'Times Redis became unreachable and this node fell back (rateLimit.whenSharedUnavailable)',
    read: () => context.sharedLimits?.outages ?? 0,
  });
}
