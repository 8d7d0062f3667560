import type { Clock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import type { ClientBySecret, Store, Tenant } from '../store/index.ts';
import type { FailureThrottle } from './access/failure-throttle.ts';
import type { Principal } from './access/principal.ts';
import type { GroupCommit } from './audit/group-commit.ts';
import type { RequestFeed } from './audit/request-feed.ts';
import type { KeyDirectory } from './keys/key-directory.ts';
import type { KeyStanding } from './keys/verify.ts';
import type { ServiceMetrics } from './metrics/service-metrics.ts';
import type { PlatformModel } from './model.ts';
import type { OAuthSettings } from './oauth-settings.ts';
import type { PeopleSettings } from './people/settings.ts';
import type { PersonalTokenStanding } from './people/verify-personal-token.ts';
import type { PepperRing } from './peppers.ts';
import type { RateLimiter } from './rate-limit/limiter.ts';
import type { SharedLimits } from './rate-limit/shared-limits.ts';
import type { ReadinessCheck } from './readiness.ts';
import type { Sealing } from './sealing.ts';
import type { SigningKeyRing } from './tokens/signing-keys.ts';
import type { TokenStanding } from './tokens/verify-token-credential.ts';
import type { VersionedCache } from './verification/versioned-cache.ts';
import type { Webhooks } from './webhooks/settings.ts';

/** What every use case receives. Built once by the composition root; tests build their own. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  random: RandomSource;
  model: PlatformModel;
  peppers: PepperRing;
  rateLimiter: RateLimiter;
  /**
   * With Redis (`redisUrl`): the limits every node shares, whose `state()` says whether they are counted in
   * Redis now or (Redis unreachable) per node or refused. Undefined without Redis: each node counts its own.
   */
  sharedLimits: SharedLimits | undefined;
  /** Buffered audit: the request feed, last-used stamps and gathered refusals. */
  requestFeed: RequestFeed;
  /** Durable activity rows of token issuance, group-committed before the token is answered. */
  issuanceLog: GroupCommit;
  /** Failed client and key-pair authentications, per credential id and per address. */
  failureThrottle: FailureThrottle;
  /** Failed password sign-ins, per account and per address; past a budget, every attempt waits. */
  signInThrottle: FailureThrottle;
  /** Users, sessions, invitations and personal tokens, as configured. */
  people: PeopleSettings;
  /** Personal access tokens in good standing (with their user's memberships), under the bus's version. */
  verifiedPersonalTokens: VersionedCache<PersonalTokenStanding>;
  /** Platform keys that authenticated, as principals, by the presented credential. */
  authenticatedPlatformKeys: VersionedCache<Principal>;
  oauth: OAuthSettings;
  /** Every API key secret's standing, in memory, following the store's directory sequence (SQLite). */
  keyDirectory: KeyDirectory;
  /** Recently verified API keys' standing; emptied by every write that could change a verification. */
  verifiedKeys: VersionedCache<KeyStanding>;
  /** Access tokens in good standing, under the same version. */
  verifiedTokens: VersionedCache<TokenStanding>;
  /** Client secrets that authenticated, by client id and secret, under the same version. */
  authenticatedClients: VersionedCache<ClientBySecret>;
  /** Tenants by id for the token endpoint, under the same version. */
  tenantsById: VersionedCache<Tenant>;
  /** Access-token signing keys: current signer, JWKS, rotation schedule. */
  signingKeys: SigningKeyRing;
  /** What `GET /readyz` checks: the database, and Redis where configured. */
  readiness: readonly ReadinessCheck[];
  /** What the use cases count as they run, and the registry `GET /metrics` reads (one per context). */
  metrics: ServiceMetrics;
  /** Webhook settings and the event catalogue, endpoint secrets' sealing, the outbound sender. */
  webhooks: Webhooks;
  /** Seals under the master key what the server reads back but the database must not hold in plaintext. */
  sealing: Sealing;
}
