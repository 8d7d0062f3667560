import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { PortcullisError } from '../../core/errors.ts';
import type { RandomSource } from '../../core/random.ts';
import { seal, unseal } from '../../core/sealed-box.ts';
import { type RotationStep, successorKid } from '../../core/signing-key-schedule.ts';
import type { SigningKey, Store } from '../../store/index.ts';

/** Access tokens are signed with ES256 only (RFC 7518 §3.4); verification accepts nothing else. */
export const SIGNING_ALGORITHM = 'ES256';

const CANNOT_OPEN = 'a signing key cannot be opened: the master key is not the one that sealed it';

/** A public P-256 key as published in the JWKS (RFC 7517 §4, RFC 7518 §6.2.1). */
export interface PublishedJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

export function publishedJwkOf(key: SigningKey): PublishedJwk {
  return { ...key.publicJwk, kid: key.kid, alg: SIGNING_ALGORITHM, use: 'sig' } as PublishedJwk;
}

/** A fresh P-256 key pair: the public JWK as published, the private JWK sealed under the master key. */
export async function createKeyMaterial(
  kid: string,
  masterKey: Uint8Array,
  random: RandomSource,
): Promise<Pick<SigningKey, 'publicJwk' | 'privateJwkSealed'>> {
  const pair = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  const privateJwk = JSON.stringify(await exportJWK(pair.privateKey));
  return {
    publicJwk: { kty, crv, x, y },
    // The kid is the associated data: a sealed key copied into another row does not open.
    privateJwkSealed: seal(masterKey, privateJwk, random, kid),
  };
}

/** The private key, opened and imported as a non-extractable CryptoKey. Rejects with a fixed message. */
export async function openPrivateKey(key: SigningKey, masterKey: Uint8Array): Promise<CryptoKey> {
  const opened = unseal(masterKey, key.privateJwkSealed, key.kid);
  if (opened === undefined) throw new PortcullisError('config_invalid', CANNOT_OPEN);
  return (await importJWK(JSON.parse(opened) as JWK, SIGNING_ALGORITHM)) as CryptoKey;
}

export async function importPublicKey(key: SigningKey): Promise<CryptoKey> {
  return (await importJWK({ ...key.publicJwk, alg: SIGNING_ALGORITHM }, SIGNING_ALGORITHM)) as CryptoKey;
}

/**
 * Writes rotation steps to the store; returns the kids of the keys it created. A scheduled successor's kid
 * is derived from its predecessor's, so when two nodes race to create it, the second insert is a no-op.
 */
export async function applyRotationSteps(
  store: Pick<Store, 'signingKeys'>,
  steps: readonly RotationStep[],
  now: number,
  masterKey: Uint8Array,
  random: RandomSource,
): Promise<string[]> {
  const created: string[] = [];
  for (const step of steps) {
    if (step.kind === 'retire') {
      await store.signingKeys.update(step.kid, { retiredAt: step.retiredAt, expiresAt: step.expiresAt });
      continue;
    }
    const kid =
      step.predecessor === null
        ? Buffer.from(random.bytes(16)).toString('base64url')
        : successorKid(step.predecessor);
    const material = await createKeyMaterial(kid, masterKey, random);
    const inserted = await store.signingKeys.insert({
      kid,
      alg: SIGNING_ALGORITHM,
      ...material,
      createdAt: now,
      activeFrom: step.activeFrom,
      retiredAt: null,
      expiresAt: null,
    });
    if (inserted) created.push(kid);
  }
  return created;
}
