import type { Clock } from '../core/clock.ts';
import type { RandomSource } from '../core/random.ts';
import type { ClientBySecret, PlatformKey, Store, Tenant } from '../store/index.ts';
import type { RequestFeed } from './audit/request-feed.ts';
import type { KeyDirectory } from './keys/key-directory.ts';
import type { KeyStanding } from './keys/verify.ts';
import type { PlatformModel } from './model.ts';
import type { OAuthSettings } from './oauth-settings.ts';
import type { PepperRing } from './peppers.ts';
import type { RateLimiter } from './rate-limit/limiter.ts';
import type { SigningKeyRing } from './tokens/signing-keys.ts';
import type { TokenStanding } from './tokens/verify-token-credential.ts';
import type { KeyRowCache } from './verification/key-row-cache.ts';

/** What every use case receives. Built once by the composition root; tests build their own. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  random: RandomSource;
  model: PlatformModel;
  peppers: PepperRing;
  rateLimiter: RateLimiter;
  requestFeed: RequestFeed;
  /** Platform keys that authenticated, by the presented credential, under the change counter. */
  authenticatedPlatformKeys: KeyRowCache<PlatformKey>;
  oauth: OAuthSettings;
  /** Every API key secret's standing, in memory, following the store's directory sequence (SQLite). */
  keyDirectory: KeyDirectory;
  /** Recently verified API keys' standing; cleared by every write that could change a verification. */
  verifiedKeys: KeyRowCache<KeyStanding>;
  /** Access tokens in good standing, under the same change counter. */
  verifiedTokens: KeyRowCache<TokenStanding>;
  /** Client secrets that authenticated, by client id and secret, under the same change counter. */
  authenticatedClients: KeyRowCache<ClientBySecret>;
  /** Tenants by id for the token endpoint, under the same change counter. */
  tenantsById: KeyRowCache<Tenant>;
  /** Access-token signing keys: current signer, JWKS, rotation schedule. */
  signingKeys: SigningKeyRing;
}
