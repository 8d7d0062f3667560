import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { PortcullisError } from '../../src/core/errors.ts';
import { unseal } from '../../src/core/sealed-box.ts';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { RING_RELOAD_MS } from '../../src/services/tokens/signing-keys.ts';
import { verifyAccessToken } from '../../src/services/tokens/verify-access-token.ts';
import { TEST_MASTER_KEY } from '../support/app.ts';
import { DAY, HOUR, otherProcess, SECOND, type ServiceHarness, startServices } from './support.ts';

// Defaults: tokens live 1 h, a key signs for 30 days, a successor is published 1 h before it signs.
const TTL = HOUR;
const ROTATION = 30 * DAY;
const LEAD = HOUR;
const RETAIN = TTL + 60 * SECOND;

let h: ServiceHarness;
beforeEach(async () => {
  h = await startServices();
});
afterEach(() => h.close());

const now = () => h.clock.now();
const kidsAt = async (at: number) => (await h.context.signingKeys.jwks(at)).keys.map((key) => key.kid);
const currentKid = async (at: number = now()) => (await h.context.signingKeys.current(at)).kid;
const token = () =>
  issueAccessToken(h.context, {
    clientId: 'cli_1',
    tenantId: 'ten_1',
    mode: 'live',
    scopes: ['read:entities'],
  });

describe('signing key ring: first key', () => {
  test('the first tick on an empty store creates one key that signs at once; a second tick does nothing', async () => {
    assert.deepEqual(await kidsAt(now()), []);
    const steps = await h.context.signingKeys.tick(now());
    assert.deepEqual(steps, [{ kind: 'create', activeFrom: now(), predecessor: null }]);
    const [kid] = await kidsAt(now());
    assert.ok(kid);
    assert.equal(await currentKid(), kid);
    assert.deepEqual(await h.context.signingKeys.tick(now()), []);
    assert.deepEqual(await kidsAt(now()), [kid]);
  });

  test('the JWKS holds public parts only: kid, alg ES256, use sig, P-256 x/y, never d', async () => {
    await h.context.signingKeys.tick(now());
    const { keys } = await h.context.signingKeys.jwks(now());
    assert.equal(keys.length, 1);
    const [jwk] = keys;
    assert.deepEqual(Object.keys(jwk ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(jwk?.alg, 'ES256');
    assert.equal(jwk?.use, 'sig');
    assert.equal(jwk?.kty, 'EC');
    assert.equal(jwk?.crv, 'P-256');
  });

  test('signing without a tick creates the first key on demand', async () => {
    const issued = await token();
    assert.equal((await verifyAccessToken(h.context, issued.token)).valid, true);
    assert.equal((await kidsAt(now())).length, 1);
  });

  test('the private key is stored sealed under the master key, bound to its kid', async () => {
    await h.context.signingKeys.tick(now());
    const [row] = await h.store.signingKeys.listUnexpired(now());
    assert.ok(row);
    assert.match(row.privateJwkSealed, /^v1\./);
    const opened = unseal(TEST_MASTER_KEY, row.privateJwkSealed, row.kid);
    assert.ok(opened);
    const jwk = JSON.parse(opened) as Record<string, string>;
    assert.equal(typeof jwk.d, 'string');
    assert.equal(jwk.x, row.publicJwk.x);
    assert.ok(!row.privateJwkSealed.includes(jwk.d as string));
    assert.ok(!JSON.stringify(row.publicJwk).includes(jwk.d as string));
    assert.equal(unseal(TEST_MASTER_KEY, row.privateJwkSealed, 'another-kid'), undefined);
  });

  test('a process with another master key cannot tick, sign or rotate: a fixed message naming no secret', async () => {
    await h.context.signingKeys.tick(now());
    const stranger = otherProcess(h.context, new Uint8Array(32).fill(99));
    for (const attempt of [
      () => stranger.signingKeys.tick(now()),
      () => stranger.signingKeys.current(now()),
      () => stranger.signingKeys.rotateNow(now()),
    ]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof PortcullisError);
        assert.equal(error.code, 'config_invalid');
        assert.equal(
          error.detail,
          'a signing key cannot be opened: the master key is not the one that sealed it',
        );
        return true;
      });
    }
    assert.equal((await h.store.signingKeys.listUnexpired(now())).length, 1, 'nothing was rotated');
  });
});

describe('signing key ring: schedule', () => {
  test('the successor is published one lead before it signs, then takes over on time', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    const first = await currentKid(t0);

    assert.deepEqual(
      await h.context.signingKeys.tick(t0 + ROTATION - LEAD - 1),
      [],
      'too early for a successor',
    );
    const steps = await h.context.signingKeys.tick(t0 + ROTATION - LEAD);
    assert.equal(steps.length, 1);
    assert.deepEqual(steps[0], { kind: 'create', activeFrom: t0 + ROTATION, predecessor: first });

    const published = await kidsAt(t0 + ROTATION - LEAD);
    assert.equal(published.length, 2, 'the successor is in the JWKS before it signs');
    const successor = published.find((kid) => kid !== first) as string;
    assert.equal(await currentKid(t0 + ROTATION - 1), first, 'the old key signs until the successor starts');
    assert.equal(await currentKid(t0 + ROTATION), successor, 'the successor signs from its activation');
    assert.deepEqual(await h.context.signingKeys.tick(t0 + ROTATION - LEAD + 1), [], 'one successor only');
  });

  test('the old key stays in the JWKS until its last token can have expired, then leaves', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    const first = await currentKid(t0);
    await h.context.signingKeys.tick(t0 + ROTATION - LEAD);

    // The last token the old key signs, a millisecond before the successor takes over.
    h.clock.set(t0 + ROTATION - 1);
    const last = await token();

    const takeover = t0 + ROTATION;
    const steps = await h.context.signingKeys.tick(takeover);
    assert.deepEqual(steps, [
      { kind: 'retire', kid: first, retiredAt: takeover, expiresAt: takeover + RETAIN },
    ]);

    // Still verifiable up to its expiry plus the 30 s tolerance: the key is still published.
    h.clock.set(last.expiresAt + 29 * SECOND);
    assert.equal(last.expiresAt + 30 * SECOND < takeover + RETAIN, true);
    assert.equal((await verifyAccessToken(h.context, last.token)).valid, true);
    h.clock.set(last.expiresAt + 30 * SECOND);
    assert.deepEqual(await verifyAccessToken(h.context, last.token), { valid: false, code: 'expired' });
    assert.ok((await kidsAt(takeover + RETAIN - 1)).includes(first));
    assert.ok(!(await kidsAt(takeover + RETAIN)).includes(first), 'gone once its last token has expired');
    assert.equal((await kidsAt(takeover + RETAIN)).length, 1);
  });

  test('after downtime past the rotation date, the successor still gets its full publish lead', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    const first = await currentKid(t0);
    const late = t0 + 90 * DAY;
    const steps = await h.context.signingKeys.tick(late);
    assert.deepEqual(steps, [{ kind: 'create', activeFrom: late + LEAD, predecessor: first }]);
    assert.equal(await currentKid(late + LEAD - 1), first);
    assert.notEqual(await currentKid(late + LEAD), first);
  });

  test('two processes creating the same successor at once write one key', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    const other = otherProcess(h.context);
    const due = t0 + ROTATION - LEAD;
    await Promise.all([h.context.signingKeys.tick(due), other.signingKeys.tick(due)]);
    assert.equal((await h.store.signingKeys.listUnexpired(due)).length, 2);
    assert.deepEqual(
      await kidsAt(due),
      (await other.signingKeys.jwks(due)).keys.map((key) => key.kid),
    );
  });

  test('two processes creating a first key at once converge on one signer; the other retires', async () => {
    const other = otherProcess(h.context);
    await Promise.all([h.context.signingKeys.tick(now()), other.signingKeys.tick(now())]);
    await h.context.signingKeys.tick(now() + 1);
    const rows = await h.store.signingKeys.listUnexpired(now());
    assert.ok(rows.length >= 1 && rows.length <= 2);
    assert.equal(rows.filter((row) => row.retiredAt === null).length, 1, 'one signer, the other retired');
    h.clock.advance(RING_RELOAD_MS);
    assert.equal(await currentKid(), (await other.signingKeys.current(now())).kid);
  });
});

describe('signing key ring: rotate now', () => {
  test('a new key signs at once; the old one stops now and stays published for token lifetime + skew', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    const first = await currentKid(t0);
    const before = await token();

    h.clock.advance(10 * DAY);
    const rotated = await h.context.signingKeys.rotateNow(now());
    assert.notEqual(rotated.kid, first);
    assert.equal(rotated.activeFrom, now());
    assert.deepEqual(rotated.retired, [{ kid: first, retiredAt: now(), expiresAt: now() + RETAIN }]);
    assert.equal(await currentKid(), rotated.kid);
    assert.deepEqual((await kidsAt(now())).sort(), [first, rotated.kid].sort());
    const after = await token();
    assert.notEqual(after.token, before.token);
    assert.equal((await verifyAccessToken(h.context, after.token)).valid, true);
    assert.ok(!(await kidsAt(now() + RETAIN)).includes(first));
    assert.deepEqual(await h.context.signingKeys.tick(now()), [], 'the schedule agrees with the result');
  });

  test('rotating within the same millisecond as the first key still switches signers', async () => {
    await h.context.signingKeys.tick(now());
    const first = await currentKid();
    const rotated = await h.context.signingKeys.rotateNow(now());
    assert.equal(await currentKid(), rotated.kid);
    assert.notEqual(rotated.kid, first);
  });

  test('a successor published ahead of time but never used leaves the JWKS at once', async () => {
    const t0 = now();
    await h.context.signingKeys.tick(t0);
    await h.context.signingKeys.tick(t0 + ROTATION - LEAD);
    assert.equal((await kidsAt(t0 + ROTATION - LEAD)).length, 2);
    h.clock.set(t0 + ROTATION - LEAD / 2);
    const rotated = await h.context.signingKeys.rotateNow(now());
    assert.equal(rotated.retired.length, 1, 'only the key that signed is reported');
    assert.equal((await kidsAt(now())).length, 2, 'old signer + new key; the unused successor is gone');
    assert.equal(await currentKid(t0 + ROTATION + 1), rotated.kid, 'the withdrawn successor never signs');
  });

  test('another process sees a rotation within the reload interval, and verifies the new key at once', async () => {
    await h.context.signingKeys.tick(now());
    const server = otherProcess(h.context);
    const first = (await server.signingKeys.current(now())).kid;
    const rotated = await h.context.signingKeys.rotateNow(now()); // e.g. the CLI
    const fresh = await token();
    assert.equal(
      (await verifyAccessToken(server, fresh.token)).valid,
      true,
      'an unknown kid rereads the store',
    );
    h.clock.advance(RING_RELOAD_MS);
    assert.notEqual(rotated.kid, first);
    assert.equal((await server.signingKeys.current(now())).kid, rotated.kid);
  });
});
