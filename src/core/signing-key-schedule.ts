import { createHash } from 'node:crypto';

/**
 * When access-token signing keys are created, take over, stop signing and leave the JWKS. Pure: the
 * service applies the steps to the store.
 *
 * - A key signs from `activeFrom` until `retiredAt`; it is published in the JWKS from creation until
 *   `expiresAt`. The current key is the newest one (by `activeFrom`, then `createdAt`, then `kid`) that is
 *   active and not retired.
 * - A successor is created `publishLead` before it takes over, so verifiers' JWKS caches hold it before the
 *   first token it signs arrives (RFC 7517 §5; RFC 8414 §2 `jwks_uri`).
 * - A key that stops signing stays published for `retain` more (the token lifetime plus a skew), so its
 *   last token can still be verified until it expires.
 */
export interface ScheduledKey {
  kid: string;
  createdAt: number;
  activeFrom: number;
  retiredAt: number | null;
  expiresAt: number | null;
}

export interface RotationPolicy {
  /** How long a key signs before its successor takes over. */
  rotationMs: number;
  /** How long a successor is published before it signs. */
  publishLeadMs: number;
  /** How long a key stays published after it stops signing: access-token lifetime + clock skew. */
  retainMs: number;
}

export type RotationStep =
  /** A new key; `predecessor` names the key it succeeds on schedule (null: first key, or rotate-now). */
  | { kind: 'create'; activeFrom: number; predecessor: string | null }
  /** Stop signing at `retiredAt`; leave the JWKS at `expiresAt`. */
  | { kind: 'retire'; kid: string; retiredAt: number; expiresAt: number };

/** Added to `retainMs` beyond the token lifetime: verifiers' clock tolerance plus a stale node's reload. */
export const SIGNING_KEY_SKEW_MS = 60_000;

/** Keys in the order they take over: `activeFrom`, then `createdAt`, then `kid`. */
function orderKeys<K extends ScheduledKey>(keys: readonly K[]): K[] {
  return [...keys].sort(
    (a, b) =>
      a.activeFrom - b.activeFrom ||
      a.createdAt - b.createdAt ||
      (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0),
  );
}

export function isPublished(key: ScheduledKey, now: number): boolean {
  return key.expiresAt === null || key.expiresAt > now;
}

function maySign(key: ScheduledKey, now: number): boolean {
  return key.activeFrom <= now && (key.retiredAt === null || key.retiredAt > now) && isPublished(key, now);
}

/** The key that signs at `now`: the newest active key that is neither retired nor expired. */
export function currentKey<K extends ScheduledKey>(keys: readonly K[], now: number): K | undefined {
  return orderKeys(keys)
    .filter((key) => maySign(key, now))
    .at(-1);
}

/** What must happen at `now` for the keys to follow the schedule. Running it twice gives no new steps. */
export function planRotation(
  keys: readonly ScheduledKey[],
  now: number,
  policy: RotationPolicy,
): RotationStep[] {
  const ordered = orderKeys(keys).filter((key) => isPublished(key, now));
  const signing = ordered.filter((key) => maySign(key, now));
  const current = signing.at(-1);
  if (!current) return [{ kind: 'create', activeFrom: now, predecessor: null }];
  const steps: RotationStep[] = [];
  // Keys that still count as signing but have been overtaken: a scheduled successor took over, or two
  // nodes created a first key at once. Each stops when the next one started.
  for (const [index, key] of signing.entries()) {
    if (key === current || key.retiredAt !== null) continue;
    const next = signing[index + 1] ?? current;
    const retiredAt = next.activeFrom;
    steps.push({ kind: 'retire', kid: key.kid, retiredAt, expiresAt: retiredAt + policy.retainMs });
  }
  const hasSuccessor = ordered.some((key) => key.activeFrom > now && key.retiredAt === null);
  if (!hasSuccessor && now >= current.activeFrom + policy.rotationMs - policy.publishLeadMs) {
    // After downtime the scheduled time may have passed: the successor is still published a full lead
    // before it signs.
    const activeFrom = Math.max(current.activeFrom + policy.rotationMs, now + policy.publishLeadMs);
    steps.push({ kind: 'create', activeFrom, predecessor: current.kid });
  }
  return steps;
}

/**
 * Rotation on demand: a new key signs at once; the current key stops now and stays published until its
 * last token has expired; a successor published ahead of time but never used leaves the JWKS at once.
 */
export function planImmediateRotation(
  keys: readonly ScheduledKey[],
  now: number,
  policy: RotationPolicy,
): RotationStep[] {
  const steps: RotationStep[] = [{ kind: 'create', activeFrom: now, predecessor: null }];
  for (const key of keys) {
    if (!isPublished(key, now) || (key.retiredAt !== null && key.retiredAt <= now)) continue;
    if (key.activeFrom > now) steps.push({ kind: 'retire', kid: key.kid, retiredAt: now, expiresAt: now });
    else steps.push({ kind: 'retire', kid: key.kid, retiredAt: now, expiresAt: now + policy.retainMs });
  }
  return steps;
}

/**
 * The `kid` of the scheduled successor of `kid`: derived, not random, so that nodes racing to create it
 * write the same primary key and only one insert lands.
 */
export function successorKid(kid: string): string {
  return createHash('sha256')
    .update(`portcullis signing key successor of ${kid}`)
    .digest('base64url')
    .slice(0, 22);
}
