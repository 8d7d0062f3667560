import type { Config } from '../config/load.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { cryptoRandom, type RandomSource } from '../core/random.ts';
import type { Store } from '../store/index.ts';
import { RequestFeed } from './audit/request-feed.ts';
import type { ServiceContext } from './context.ts';
import { buildPlatformModel } from './model.ts';
import { oauthSettingsFrom } from './oauth-settings.ts';
import { PepperRing } from './peppers.ts';
import { CredentialCache } from './platform/credential-cache.ts';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit/limiter.ts';

export interface ContextOptions {
  config: Config;
  store: Store;
  pepper: string;
  clock?: Clock;
  random?: RandomSource;
  rateLimiter?: RateLimiter;
  onBackgroundError?: (error: unknown) => void;
}

/** The composition root of the use cases: one place builds every dependency from config. */
export function buildServiceContext(options: ContextOptions): ServiceContext {
  const clock = options.clock ?? systemClock;
  return {
    store: options.store,
    clock,
    random: options.random ?? cryptoRandom,
    model: buildPlatformModel(options.config),
    peppers: PepperRing.parse(options.pepper),
    rateLimiter: options.rateLimiter ?? new MemoryRateLimiter(),
    requestFeed: new RequestFeed(options.store, {
      flushIntervalMs: options.config.audit.flushIntervalMs,
      ...(options.onBackgroundError ? { onError: options.onBackgroundError } : {}),
    }),
    platformKeyCache: new CredentialCache(clock, 5000),
    oauth: oauthSettingsFrom(options.config),
  };
}
