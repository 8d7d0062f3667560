import type { Clock } from '../core/clock.ts';
import { PortcullisError } from '../core/errors.ts';
import type { RandomSource } from '../core/random.ts';
import { seal, unseal } from '../core/sealed-box.ts';
import { hashesEqual, hashSecret, type Pepper } from '../core/secret-hash.ts';
import type { Deployment, PepperCheck, Store } from '../store/index.ts';
import type { PepperRing } from './peppers.ts';
import { openPrivateKey } from './tokens/signing-key-material.ts';

/** What each pepper's check is an HMAC of: a fixed text, so the check tells peppers apart and nothing else. */
const PEPPER_LABEL = 'portcullis deployment pepper check v1';
/** The master key's canary and the associated data it is sealed with (nothing else is sealed with that). */
const MASTER_KEY_CANARY = 'portcullis deployment master key check v1';
const MASTER_KEY_CANARY_DATA = 'deployment:master-key-check';

export interface JoinOptions {
  store: Pick<Store, 'deployment' | 'signingKeys'>;
  clock: Clock;
  random: RandomSource;
  peppers: PepperRing;
  masterKey: Uint8Array;
  /** Where the pepper came from, named when it does not match: `PORTCULLIS_PEPPER` or the pepper file. */
  pepperSource: string;
  /** Where the master key came from: `PORTCULLIS_MASTER_KEY` or the master-key file. */
  masterKeySource: string;
  /** `PORTCULLIS_PUBLIC_URL` without its trailing slash: the issuer, should this start write the record. */
  publicIssuer?: string | undefined;
}

const checkOf = (pepper: Pepper): PepperCheck => ({
  version: pepper.version,
  labelHmac: hashSecret(PEPPER_LABEL, pepper),
});

/**
 * Joins this node to the deployment its database belongs to, before it serves or changes anything: writes the
 * deployment record when the database has none, then refuses to go on (a `config_invalid` error naming the
 * setting, never a secret) unless this node's master key opens the record's canary and its pepper ring holds
 * the version new secrets are hashed under, with the value every recorded version was hashed with. Pepper
 * versions the ring adds are recorded; a new current version becomes the deployment's (a rotation).
 */
export async function joinDeployment(options: JoinOptions): Promise<Deployment> {
  const { store, peppers } = options;
  const now = options.clock.now();
  let deployment = await store.deployment.get();
  if (!deployment) {
    // A database from before the record may hold signing keys: the canary must be sealed with their key.
    await checkSealedSigningKeys(options, now);
    deployment = await store.deployment.insertIfAbsent({
      issuer: options.publicIssuer ?? null,
      currentPepper: checkOf(peppers.current),
      masterKeyCheck: seal(options.masterKey, MASTER_KEY_CANARY, options.random, MASTER_KEY_CANARY_DATA),
      createdAt: now,
    });
  }
  checkMasterKey(deployment, options);
  checkPeppers(deployment, options);
  const unrecorded = peppers.all.filter((pepper) => !deployment.pepperChecks.has(pepper.version));
  if (unrecorded.length === 0) return deployment;
  const current = unrecorded.includes(peppers.current) ? peppers.current.version : undefined;
  const updated = await store.deployment.addPeppers(unrecorded.map(checkOf), current, now);
  // Another node may have recorded the same version at the same moment, with another pepper.
  checkPeppers(updated, options);
  return updated;
}

function masterKeyMismatch(options: JoinOptions): PortcullisError {
  return new PortcullisError(
    'config_invalid',
    `${options.masterKeySource} does not match the master key this database's signing keys are sealed with`,
  );
}

function checkMasterKey(deployment: Deployment, options: JoinOptions): void {
  const opened = unseal(options.masterKey, deployment.masterKeyCheck, MASTER_KEY_CANARY_DATA);
  if (opened !== MASTER_KEY_CANARY) throw masterKeyMismatch(options);
}

async function checkSealedSigningKeys(options: JoinOptions, now: number): Promise<void> {
  for (const key of await options.store.signingKeys.listUnexpired(now)) {
    try {
      await openPrivateKey(key, options.masterKey);
    } catch {
      throw masterKeyMismatch(options);
    }
  }
}

function checkPeppers(deployment: Deployment, options: JoinOptions): void {
  for (const pepper of options.peppers.all) {
    const recorded = deployment.pepperChecks.get(pepper.version);
    if (recorded !== undefined && !hashesEqual(recorded, checkOf(pepper).labelHmac)) {
      throw new PortcullisError(
        'config_invalid',
        `${options.pepperSource} does not match the pepper this database's secrets were hashed with ` +
          `(version ${pepper.version})`,
      );
    }
  }
  const current = deployment.currentPepperVersion;
  if (!options.peppers.all.some((pepper) => pepper.version === current)) {
    throw new PortcullisError(
      'config_invalid',
      `${options.pepperSource} lacks pepper version ${current}, which this database's newest secrets are ` +
        'hashed with',
    );
  }
}

/**
 * The issuer this node signs with and publishes, once it listens at `listeningAt`: `PORTCULLIS_PUBLIC_URL` when
 * set (for this node), else the deployment's. The first node to listen stores its own (or its public URL)
 * when the deployment has none yet, so every later node, on any address, issues and accepts the same `iss`.
 */
export async function agreeOnIssuer(
  store: Pick<Store, 'deployment'>,
  publicIssuer: string | undefined,
  listeningAt: string,
): Promise<string> {
  const stored = await store.deployment.claimIssuer(publicIssuer ?? listeningAt);
  return publicIssuer ?? stored;
}
