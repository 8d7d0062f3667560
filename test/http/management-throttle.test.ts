// Failed management key pair authentication is throttled per X-Api-Key (ids we never issue share one bucket).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createKeyPair, type KeyPair } from './management-support.ts';
import { assertProblem, unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

let addresses = 0;
const freshIp = () => `203.0.113.${++addresses}`;

/** `GET /api/v1/tenants/:tenantId` with a key pair's headers, from `ip`. */
const getTenant = (tenantId: string, apiKey: string, apiSecret: string, ip: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/tenants/${tenantId}`,
    remoteAddress: ip,
    headers: { 'x-api-key': apiKey, 'x-api-secret': apiSecret },
  });

/** Asserts the throttled answer, a `rate_limited` problem with Retry-After, and returns the seconds. */
function assertThrottled(response: LightMyRequestResponse): number {
  const problem = assertProblem(response, 429, 'rate_limited');
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1,
    `Retry-After: ${response.headers['retry-after']}`,
  );
  assert.equal(problem.retryAfterSeconds, retryAfter);
  return retryAfter;
}

/** A well-formed management key id that names no key. */
const unknownKeyId = (name: string) => `mk_${name.padEnd(20, '0')}`;

const assertRefused = (response: LightMyRequestResponse) => {
  assertProblem(response, 401, 'invalid_credential');
};

async function newPair(): Promise<{ tenantId: string; pair: KeyPair }> {
  const tenantId = await createTenant(t);
  return { tenantId, pair: await createKeyPair(t, tenantId, ['read:tenant']) };
}

describe('management key pairs: failure throttle', () => {
  it('wrong secrets for a real X-Api-Key are 401, then 429 with Retry-After until it passes; the right one always works', async () => {
    const { tenantId, pair } = await newPair();
    const ip = freshIp();
    for (let i = 0; i < 30; i++) assertRefused(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip));
    assert.equal(assertThrottled(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip)), 2);
    assertThrottled(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), freshIp()));
    // Knowing a pair's id is not enough to lock it out.
    assert.equal(
      (await getTenant(tenantId, pair.apiKey, pair.apiSecret, ip)).statusCode,
      200,
      'right secret',
    );

    t.clock.advance(1999);
    assertThrottled(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip));
    t.clock.advance(1);
    assertRefused(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip));
  });

  it("one pair's spent budget leaves another pair of the same tenant alone", async () => {
    const { tenantId, pair } = await newPair();
    const other = await createKeyPair(t, tenantId, ['read:tenant']);
    const ip = freshIp();
    for (let i = 0; i < 30; i++) await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip);
    assertThrottled(await getTenant(tenantId, pair.apiKey, unknownKey('ms'), ip));
    assertRefused(await getTenant(tenantId, other.apiKey, unknownKey('ms'), ip));
    assert.equal((await getTenant(tenantId, other.apiKey, other.apiSecret, ip)).statusCode, 200);
  });

  it('malformed ids, each different, share one bucket; well-formed ids keep their own', async () => {
    const { tenantId, pair } = await newPair();
    const ip = freshIp();
    const malformed = (i: number) => `not-a-key-${i}`;
    for (let i = 0; i < 30; i++) assertRefused(await getTenant(tenantId, malformed(i), pair.apiSecret, ip));
    assertThrottled(await getTenant(tenantId, malformed(30), pair.apiSecret, ip));
    assertThrottled(await getTenant(tenantId, `${pair.apiKey}x`, pair.apiSecret, ip));
    assertRefused(await getTenant(tenantId, unknownKeyId('unknown'), pair.apiSecret, ip));
    assert.equal((await getTenant(tenantId, pair.apiKey, pair.apiSecret, ip)).statusCode, 200);
  });
});

describe('management key pairs: per-address budget', () => {
  let small: TestApp;
  before(async () => {
    small = await startTestApp({ config: { security: { failedAuthentication: { perIpPerMinute: 3 } } } });
  });
  after(() => small.close());

  it('failures with ever new key ids from one address spend its budget', async () => {
    const tenantId = await createTenant(small);
    const pair = await createKeyPair(small, tenantId, ['read:tenant']);
    const ip = freshIp();
    const from = (apiKey: string, apiSecret: string, address: string) =>
      small.app.inject({
        method: 'GET',
        url: `/api/v1/tenants/${tenantId}`,
        remoteAddress: address,
        headers: { 'x-api-key': apiKey, 'x-api-secret': apiSecret },
      });
    for (let i = 0; i < 3; i++) assertRefused(await from(unknownKeyId(`unknown${i}`), pair.apiSecret, ip));
    assert.equal(assertThrottled(await from(unknownKeyId('unknown3'), pair.apiSecret, ip)), 20);
    assert.equal(assertThrottled(await from(pair.apiKey, unknownKey('ms'), ip)), 20);
    assert.equal(
      (await from(pair.apiKey, pair.apiSecret, ip)).statusCode,
      200,
      'the right secret still works',
    );
  });
});
