import type { CryptoKey } from 'jose';
import { PortcullisError } from '../../core/errors.ts';
import type { RandomSource } from '../../core/random.ts';
import {
  currentKey,
  isPublished,
  planImmediateRotation,
  planRotation,
  type RotationPolicy,
  type RotationStep,
  SIGNING_KEY_SKEW_MS,
} from '../../core/signing-key-schedule.ts';
import type { SigningKey, Store, StoreUnit } from '../../store/index.ts';
import type { OAuthSettings } from '../oauth-settings.ts';
import {
  applyRotationSteps,
  importPublicKey,
  openPrivateKey,
  type PublishedJwk,
  publishedJwkOf,
  SIGNING_ALGORITHM,
} from './signing-key-material.ts';

export type { PublishedJwk };

/** The in-memory ring is reread at least this often, so rotations by other processes are seen. */
export const RING_RELOAD_MS = 30_000;
/** An unknown `kid` rereads the store at most this often: junk tokens must not become a query flood. */
const UNKNOWN_KID_RELOAD_MS = 5_000;

/** The key that signs right now, ready for jose. */
export interface ActiveSigningKey {
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  privateKey: CryptoKey;
}

export interface RotatedSigningKey {
  kid: string;
  activeFrom: number;
  /** Keys that stopped signing, with the time each leaves the JWKS. */
  retired: { kid: string; retiredAt: number; expiresAt: number }[];
}

export interface SigningKeyRingOptions {
  store: Pick<Store, 'signingKeys' | 'unitOfWork' | 'invalidation'>;
  masterKey: Uint8Array;
  random: RandomSource;
  settings: Pick<
    OAuthSettings,
    'accessTokenTtlSeconds' | 'signingKeyRotationDays' | 'signingKeyPublishLeadSeconds'
  >;
}

/**
 * The access-token signing keys, held in memory and kept on schedule (`src/core/signing-key-schedule.ts`).
 * Private keys are sealed under the master key in the store and opened only to sign; they never leave
 * this class and never appear in an error or a log line.
 */
export class SigningKeyRing {
  readonly #options: SigningKeyRingOptions;
  #keys: SigningKey[] = [];
  #loadedAt = Number.NEGATIVE_INFINITY;
  /** The bus's version when the ring was last read: a rotation anywhere moves it. */
  #loadedVersion: number | undefined;
  #unknownKidReloadAt = Number.NEGATIVE_INFINITY;
  #reloading: Promise<void> | undefined;
  #exclusive: Promise<unknown> = Promise.resolve();
  readonly #privateKeys = new Map<string, Promise<CryptoKey>>();
  readonly #publicKeys = new Map<string, Promise<CryptoKey>>();

  constructor(options: SigningKeyRingOptions) {
    this.#options = options;
  }

  get #policy(): RotationPolicy {
    const { settings } = this.#options;
    return {
      rotationMs: settings.signingKeyRotationDays * 86_400_000,
      publishLeadMs: settings.signingKeyPublishLeadSeconds * 1000,
      retainMs: settings.accessTokenTtlSeconds * 1000 + SIGNING_KEY_SKEW_MS,
    };
  }

  /**
   * Runs the schedule: creates the first key or the next successor, retires overtaken keys. Call it at
   * start (it fails there when the master key cannot open the current key) and then every minute or so.
   */
  tick(now: number): Promise<RotationStep[]> {
    return this.#serially(async () => {
      await this.#reload(now);
      const steps = planRotation(this.#keys, now, this.#policy);
      await this.#apply(steps, now);
      const current = currentKey(this.#keys, now);
      if (current) await this.#privateKey(current);
      return steps;
    });
  }

  /**
   * Makes a new key sign at once; the old one stays in the JWKS until its last token has expired. `record`
   * writes the rotation's activity row in the same unit of work as the keys.
   */
  rotateNow(
    now: number,
    record: (unit: StoreUnit, rotated: RotatedSigningKey) => Promise<void> = async () => {},
  ): Promise<RotatedSigningKey> {
    return this.#serially(async () => {
      await this.#reload(now);
      // A process holding another master key must not rotate: every other node could not open the new key.
      const current = currentKey(this.#keys, now);
      if (current) await this.#privateKey(current);
      const steps = planImmediateRotation(this.#keys, now, this.#policy);
      const { masterKey, random } = this.#options;
      const rotated = await this.#options.store.unitOfWork(async (unit) => {
        const created = await applyRotationSteps(unit, steps, now, masterKey, random);
        const kid = created[0];
        if (kid === undefined) throw new PortcullisError('internal_error', 'no signing key was created');
        const retired = steps.flatMap((step) =>
          step.kind === 'retire' && step.expiresAt > now
            ? [{ kid: step.kid, retiredAt: step.retiredAt, expiresAt: step.expiresAt }]
            : [],
        );
        const result = { kid, activeFrom: now, retired };
        await record(unit, result);
        return result;
      });
      await this.#reloadAfterWrites(now);
      return rotated;
    });
  }

  /** The key that signs at `now`; on an empty store the first key is created. */
  async current(now: number): Promise<ActiveSigningKey> {
    await this.#fresh(now);
    let key = currentKey(this.#keys, now);
    if (!key) {
      await this.tick(now);
      key = currentKey(this.#keys, now);
    }
    if (!key) throw new PortcullisError('internal_error', 'no signing key is active');
    return { kid: key.kid, alg: SIGNING_ALGORITHM, privateKey: await this.#privateKey(key) };
  }

  /** The JWK Set (RFC 7517 §5): every key published at `now`, including a successor not yet signing. */
  async jwks(now: number): Promise<{ keys: PublishedJwk[] }> {
    await this.#fresh(now);
    const keys = this.#keys
      .filter((key) => isPublished(key, now))
      .reverse()
      .map(publishedJwkOf);
    return { keys };
  }

  /** The public key for `kid` if it is published at `now`; never fetched from anywhere but the store. */
  async verificationKey(kid: string, now: number): Promise<CryptoKey | undefined> {
    await this.#fresh(now);
    let key = this.#keys.find((candidate) => candidate.kid === kid);
    if (!key && Math.abs(now - this.#unknownKidReloadAt) >= UNKNOWN_KID_RELOAD_MS) {
      // A key created moments ago by another process (rotate-now from the CLI) is not in memory yet.
      this.#unknownKidReloadAt = now;
      await this.#reload(now);
      key = this.#keys.find((candidate) => candidate.kid === kid);
    }
    if (!key || !isPublished(key, now)) return undefined;
    let publicKey = this.#publicKeys.get(key.kid);
    if (!publicKey) {
      publicKey = importPublicKey(key);
      this.#publicKeys.set(key.kid, publicKey);
    }
    return publicKey;
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#exclusive.then(work, work);
    this.#exclusive = run.catch(() => undefined);
    return run;
  }

  /**
   * Rereads the ring when the invalidation bus says something changed since (a rotation by another node or the
   * CLI is seen on the next use, not half a minute later), and every RING_RELOAD_MS whatever the bus says.
   */
  async #fresh(now: number): Promise<void> {
    const version = this.#options.store.invalidation.cacheVersion();
    const moved = version !== undefined && version !== this.#loadedVersion;
    if (moved || Math.abs(now - this.#loadedAt) >= RING_RELOAD_MS) await this.#reload(now);
  }

  #reload(now: number): Promise<void> {
    this.#reloading ??= (async () => {
      try {
        // Taken before the read: a change committing during it moves the version again, and is read next time.
        const version = this.#options.store.invalidation.cacheVersion();
        const keys = await this.#options.store.signingKeys.listUnexpired(now);
        this.#loadedVersion = version;
        this.#keys = keys;
        this.#loadedAt = now;
        const kids = new Set(keys.map((key) => key.kid));
        for (const cache of [this.#privateKeys, this.#publicKeys])
          for (const kid of cache.keys()) if (!kids.has(kid)) cache.delete(kid);
      } finally {
        this.#reloading = undefined;
      }
    })();
    return this.#reloading;
  }

  /** A reload that started before our writes would miss them: wait for it, then read again. */
  async #reloadAfterWrites(now: number): Promise<void> {
    await this.#reloading?.catch(() => undefined);
    await this.#reload(now);
  }

  /** Applies the steps to the store and rereads it; returns the kids of the keys created. */
  async #apply(steps: readonly RotationStep[], now: number): Promise<string[]> {
    const { store, masterKey, random } = this.#options;
    const created = await applyRotationSteps(store, steps, now, masterKey, random);
    if (steps.length > 0) await this.#reloadAfterWrites(now);
    return created;
  }

  #privateKey(key: SigningKey): Promise<CryptoKey> {
    let privateKey = this.#privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = openPrivateKey(key, this.#options.masterKey);
      this.#privateKeys.set(key.kid, privateKey);
      // A key that does not open is not cached: the next call reports it again.
      privateKey.catch(() => this.#privateKeys.delete(key.kid));
    }
    return privateKey;
  }
}
