import type { Config } from '../config/load.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { cryptoRandom, type RandomSource } from '../core/random.ts';
import type { Store } from '../store/index.ts';
import type { RedisConnection } from '../store/redis.ts';
import { MemoryFailureThrottle } from './access/failure-throttle.ts';
import { SharedFailureThrottle } from './access/shared-failure-throttle.ts';
import { GroupCommit } from './audit/group-commit.ts';
import { RequestFeed } from './audit/request-feed.ts';
import type { ServiceContext } from './context.ts';
import { KeyDirectory } from './keys/key-directory.ts';
import { ServiceMetrics } from './metrics/service-metrics.ts';
import { registerStateMetrics } from './metrics/state-metrics.ts';
import { buildPlatformModel } from './model.ts';
import { oauthSettingsFrom } from './oauth-settings.ts';
import { peopleSettingsFrom } from './people/settings.ts';
import { PepperRing } from './peppers.ts';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit/limiter.ts';
import { RedisRateLimiter } from './rate-limit/redis-limiter.ts';
import { SharedLimits, type SharedLimitsState } from './rate-limit/shared-limits.ts';
import { databaseReadiness, type ReadinessCheck, sharedLimitsReadiness } from './readiness.ts';
import { Sealing } from './sealing.ts';
import { SigningKeyRing } from './tokens/signing-keys.ts';
import { VersionedCache } from './verification/versioned-cache.ts';
import { httpSender } from './webhooks/sender.ts';
import { Webhooks, webhookSettingsFrom } from './webhooks/settings.ts';

export interface ContextOptions {
  config: Config;
  store: Store;
  pepper: string;
  /** 32 bytes sealing private signing keys at rest (`src/config/master-key-file.ts`). */
  masterKey: Uint8Array;
  clock?: Clock;
  random?: RandomSource;
  rateLimiter?: RateLimiter;
  /** Redis (`redisUrl`; the caller opens and closes it): request limits and failure throttles shared by nodes. */
  redis?: RedisConnection;
  /** Readiness checks beyond the database's (`GET /readyz`). */
  readinessChecks?: readonly ReadinessCheck[];
  onBackgroundError?: (error: unknown) => void;
  /** Told once when Redis becomes unreachable (the state it falls back to, and why) and once when it is back. */
  onSharedLimitsChange?: (state: SharedLimitsState, cause?: unknown) => void;
}

/** Entries in each cache of callers' credentials and of tenants. */
const CALLER_CACHE_ENTRIES = 10_000;

/** The composition root of the use cases: one place builds every dependency from config. */
export function buildServiceContext(options: ContextOptions): ServiceContext {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const oauth = oauthSettingsFrom(options.config);
  // Caches of credentials and tenants in good standing, all emptied when the invalidation bus's version moves.
  // `verification.cachedKeys` sizes (or turns off) the caches of the credentials being verified; the callers'
  // own credentials (platform keys, client secrets) and tenants are few and always cached.
  const { invalidation } = options.store;
  const cache = <Row>(maxEntries: number, admitOnSecondLoad = false) =>
    new VersionedCache<Row>(() => invalidation.cacheVersion(), { maxEntries, admitOnSecondLoad });
  const { cachedKeys, keyDirectory } = options.config.verification;
  const sharedLimits =
    options.redis &&
    new SharedLimits(options.redis, {
      whenUnavailable: options.config.rateLimit.whenSharedUnavailable,
      onStateChange: options.onSharedLimitsChange,
    });
  const failureLimits = options.config.security.failedAuthentication;
  const { perAccountPerMinute, perIpPerMinute } = options.config.security.failedSignIn;
  const signInLimits = { perCredentialPerMinute: perAccountPerMinute, perIpPerMinute };
  const webhookSettings = webhookSettingsFrom(options.config);
  const sealing = new Sealing(options.masterKey, random);
  const context: ServiceContext = {
    store: options.store,
    clock,
    random,
    model: buildPlatformModel(options.config),
    peppers: PepperRing.parse(options.pepper),
    rateLimiter:
      options.rateLimiter ?? (sharedLimits ? new RedisRateLimiter(sharedLimits) : new MemoryRateLimiter()),
    sharedLimits,
    requestFeed: new RequestFeed(options.store, {
      flushIntervalMs: options.config.audit.flushIntervalMs,
      clock,
      ...(options.onBackgroundError ? { onError: options.onBackgroundError } : {}),
    }),
    issuanceLog: new GroupCommit(options.store),
    failureThrottle: sharedLimits
      ? new SharedFailureThrottle(sharedLimits, failureLimits)
      : new MemoryFailureThrottle(failureLimits),
    signInThrottle: sharedLimits
      ? new SharedFailureThrottle(sharedLimits, signInLimits, 'signin')
      : new MemoryFailureThrottle(signInLimits),
    people: peopleSettingsFrom(options.config),
    verifiedPersonalTokens: cache(cachedKeys),
    authenticatedPlatformKeys: cache(CALLER_CACHE_ENTRIES),
    oauth,
    keyDirectory: new KeyDirectory(options.store, keyDirectory, options.onBackgroundError),
    // With every key's standing in the directory, a key earns a cache entry on its second use: a million keys
    // used once each would churn the cache for nothing. Without it, a miss is a database read, and the first
    // one is kept.
    verifiedKeys: cache(cachedKeys, keyDirectory),
    verifiedTokens: cache(cachedKeys),
    authenticatedClients: cache(CALLER_CACHE_ENTRIES),
    tenantsById: cache(CALLER_CACHE_ENTRIES),
    signingKeys: new SigningKeyRing({
      store: options.store,
      masterKey: options.masterKey,
      random,
      settings: oauth,
    }),
    readiness: [
      databaseReadiness(options.store),
      ...(sharedLimits ? [sharedLimitsReadiness(sharedLimits)] : []),
      ...(options.readinessChecks ?? []),
    ],
    metrics: new ServiceMetrics(),
    webhooks: new Webhooks({
      settings: webhookSettings,
      sender: httpSender({
        allowPrivateNetworks: webhookSettings.allowPrivateNetworks,
        now: () => clock.now(),
      }),
      sealing,
    }),
    sealing,
  };
  registerStateMetrics(context.metrics.registry, context);
  return context;
}
