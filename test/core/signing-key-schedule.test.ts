import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  currentKey,
  isPublished,
  planImmediateRotation,
  planRotation,
  type RotationPolicy,
  type RotationStep,
  type ScheduledKey,
  successorKid,
} from '../../src/core/signing-key-schedule.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TTL = HOUR;
const TOLERANCE = 30_000;
const policy: RotationPolicy = { rotationMs: 30 * DAY, publishLeadMs: HOUR, retainMs: TTL + 60_000 };

/** The store, in memory: applies steps as the ring does. */
function apply(keys: ScheduledKey[], steps: readonly RotationStep[], now: number): void {
  for (const step of steps) {
    if (step.kind === 'create') {
      const kid = step.predecessor === null ? `k${keys.length}` : successorKid(step.predecessor);
      if (!keys.some((key) => key.kid === kid)) {
        keys.push({ kid, createdAt: now, activeFrom: step.activeFrom, retiredAt: null, expiresAt: null });
      }
    } else {
      const key = keys.find((candidate) => candidate.kid === step.kid);
      assert.ok(key, 'steps name existing keys');
      key.retiredAt = step.retiredAt;
      key.expiresAt = step.expiresAt;
    }
  }
}

/** One operation: time passes (a token may be signed on the way), then a tick or a rotate-now. */
const operation = fc.record({
  advance: fc.oneof(fc.integer({ min: 0, max: 2 * HOUR }), fc.integer({ min: 0, max: 45 * DAY })),
  signAt: fc.double({ min: 0, max: 1, noNaN: true }),
  rotateNow: fc.boolean(),
});

describe('signing key schedule', () => {
  test('invariants over any sequence of ticks and rotations: one signer; a signing key stays published until its last token has expired (+ tolerance); scheduled successors are published a full lead ahead; a tick right after a tick does nothing', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), (operations) => {
        const keys: ScheduledKey[] = [];
        let now = Date.UTC(2026, 0, 1);
        apply(keys, planRotation(keys, now, policy), now);
        const signed: { at: number; kid: string }[] = [];
        for (const { advance, signAt, rotateNow } of operations) {
          // A process that has not ticked yet signs with what it knows: at a random time, and in the last
          // millisecond before each takeover, when the outgoing key signs its last token.
          const takeovers = keys
            .map((key) => key.activeFrom - 1)
            .filter((at) => at >= now && at < now + advance);
          for (const at of [now + Math.floor(advance * signAt), ...takeovers]) {
            const signer = currentKey(keys, at);
            assert.ok(signer, 'there is always a key to sign with');
            signed.push({ at, kid: signer.kid });
          }
          now += advance;
          const steps = rotateNow
            ? planImmediateRotation(keys, now, policy)
            : planRotation(keys, now, policy);
          for (const step of steps) {
            if (step.kind === 'create' && step.predecessor !== null) {
              assert.ok(
                step.activeFrom - now >= policy.publishLeadMs,
                'a successor is published a lead ahead',
              );
            }
          }
          apply(keys, steps, now);
          apply(keys, planRotation(keys, now, policy), now);
          assert.deepEqual(planRotation(keys, now, policy), [], 'idempotent');
          assert.ok(currentKey(keys, now), 'a current key after every tick');
          for (const event of signed) {
            // Accepted while now < exp + tolerance: the key must be published through that last instant.
            const lastAccepted = event.at + TTL + TOLERANCE - 1;
            const key = keys.find((candidate) => candidate.kid === event.kid);
            assert.ok(
              key && isPublished(key, lastAccepted),
              `${event.kid} signed at ${event.at}: unpublished`,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('an empty set, or one whose keys are all retired, gets a key that signs now', () => {
    const now = 1_000_000;
    assert.deepEqual(planRotation([], now, policy), [{ kind: 'create', activeFrom: now, predecessor: null }]);
    const retired = { kid: 'a', createdAt: 0, activeFrom: 0, retiredAt: now, expiresAt: now + 5 };
    assert.deepEqual(planRotation([retired], now, policy), [
      { kind: 'create', activeFrom: now, predecessor: null },
    ]);
  });

  test('successor kids are derived: the same predecessor gives the same kid, others differ', () => {
    assert.equal(successorKid('abc'), successorKid('abc'));
    assert.notEqual(successorKid('abc'), successorKid('abd'));
    assert.match(successorKid('abc'), /^[A-Za-z0-9_-]{22}$/);
  });
});
