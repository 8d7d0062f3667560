// Failed client authentication is throttled per client_id and per source address, at every OAuth endpoint.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { type CreatedClient, createClient } from './clients-support.ts';
import {
  assertBasicChallenge,
  assertOAuthError,
  basic,
  type ClientCredentials,
  form,
  OAUTH,
  tokenFor,
} from './oauth-support.ts';
import { unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** Each test calls from its own addresses, so one test's failures never spend another's address budget. */
let addresses = 0;
const freshIp = () => `198.51.100.${++addresses}`;

type Endpoint = 'token' | 'introspect' | 'revoke';

/** POSTs to an OAuth endpoint with HTTP Basic client authentication, from `ip`. */
function call(
  s: TestApp,
  endpoint: Endpoint,
  auth: ClientCredentials,
  ip: string,
): Promise<LightMyRequestResponse> {
  const params =
    endpoint === 'token' ? { grant_type: 'client_credentials' } : { token: 'not.a.token-we-issued' };
  return s.app.inject({
    method: 'POST',
    url: `${OAUTH}/${endpoint}`,
    remoteAddress: ip,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(auth.client_id, auth.client_secret),
    },
    payload: form(params),
  });
}
const token = (auth: ClientCredentials, ip: string, s = t) => call(s, 'token', auth, ip);

/** Asserts the throttled answer (RFC 6749 error form, 429, no challenge) and returns its Retry-After. */
function assertThrottled(response: LightMyRequestResponse): number {
  assertOAuthError(response, 429, 'temporarily_unavailable');
  assert.equal(response.headers['www-authenticate'], undefined, 'no other credential helps: no challenge');
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1,
    `Retry-After: ${response.headers['retry-after']}`,
  );
  return retryAfter;
}

const newClient = async (s = t): Promise<CreatedClient> =>
  createClient(s, await createTenant(s, { plan: 'pro' }), { scopes: ['bookings:read'] });
/** A well-formed client_id that names no client; each `i` its own. */
const unknownClient = (i: number): ClientCredentials => ({
  client_id: `cl_unknownClient${String(i).padStart(5, '0')}`,
  client_secret: unknownKey('cs'),
});
const wrongSecretFor = (client: CreatedClient): ClientCredentials => ({
  client_id: client.id,
  client_secret: unknownKey('cs'),
});

describe('OAuth failure throttle: per client_id (30 failures a minute by default)', () => {
  it('wrong secrets are 401 until the budget is spent, then 429 until Retry-After passes; the right one always works', async () => {
    const client = await newClient();
    const ip = freshIp();
    for (let i = 0; i < 30; i++) assertBasicChallenge(await token(wrongSecretFor(client), ip));
    // 30 a minute refill one attempt every 2 s.
    assert.equal(assertThrottled(await token(wrongSecretFor(client), ip)), 2);
    assert.equal(
      assertThrottled(await token(wrongSecretFor(client), freshIp())),
      2,
      'from another address too',
    );
    // Knowing a client_id is not enough to lock the client out.
    assert.equal((await token(client, ip)).statusCode, 200, 'the right secret gets through');
    for (let i = 0; i < 10; i++) await token(wrongSecretFor(client), ip);
    t.clock.advance(1999);
    // Throttled attempts do not count as failures: the budget refills on time.
    assertThrottled(await token(wrongSecretFor(client), ip));
    t.clock.advance(1);
    // The refilled attempt is a plain refusal again.
    assertBasicChallenge(await token(wrongSecretFor(client), ip));
    assertThrottled(await token(wrongSecretFor(client), ip));
  });

  it("one client's spent budget leaves other clients, from the same address, alone", async () => {
    const spent = await newClient();
    const other = await newClient();
    const ip = freshIp();
    for (let i = 0; i < 30; i++) await token(wrongSecretFor(spent), ip);
    assertThrottled(await token(wrongSecretFor(spent), ip));
    assertBasicChallenge(await token(wrongSecretFor(other), ip));
    assert.equal((await token(other, ip)).statusCode, 200);
  });

  it('an unknown client_id is throttled the same way, and no feed gets a row for it', async () => {
    const known = await newClient();
    const unknown = { client_id: 'cl_doesNotExist000000', client_secret: unknownKey('cs') };
    const ip = freshIp();
    for (let i = 0; i < 30; i++) assertBasicChallenge(await token(unknown, ip));
    assert.equal(assertThrottled(await token(unknown, ip)), 2);
    assertBasicChallenge(await token(wrongSecretFor(known), ip));

    const feed = await asPlatform(t, { method: 'GET', url: '/api/v1/platform/audit/activity?limit=200' });
    assert.equal(feed.statusCode, 200, feed.body);
    const rows = feed.json<{ items: { action: string; target: { id: string } }[] }>().items;
    assert.ok(
      rows.some((row) => row.action === 'client.authentication_failed' && row.target.id === known.id),
      "the known client's failure is in the feed",
    );
    assert.equal(feed.body.includes(unknown.client_id), false, 'the unknown client_id is in a feed');
  });

  it('client_ids longer than any issued share one bucket: junk ids cannot dodge the throttle', async () => {
    const ip = freshIp();
    const junk = (i: number) => ({ client_id: `cl_${String(i).padStart(70, 'x')}`, client_secret: 'nope' });
    for (let i = 0; i < 30; i++) assertBasicChallenge(await token(junk(i), ip));
    assertThrottled(await token(junk(30), ip));
    assert.equal(
      (await token(await newClient(), ip)).statusCode,
      200,
      'a real client from there still works',
    );
  });

  it('introspection and revocation with client authentication share the budget of the token endpoint', async () => {
    const client = await newClient();
    const issued = await tokenFor(t, client);
    const ip = freshIp();
    for (const endpoint of ['token', 'introspect', 'revoke'] as const) {
      for (let i = 0; i < 10; i++) assertBasicChallenge(await call(t, endpoint, wrongSecretFor(client), ip));
    }
    for (const endpoint of ['token', 'introspect', 'revoke'] as const) {
      assertThrottled(await call(t, endpoint, wrongSecretFor(client), ip));
    }
    t.clock.advance(2000);
    const introspected = await t.app.inject({
      method: 'POST',
      url: `${OAUTH}/introspect`,
      remoteAddress: ip,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(client.id, client.client_secret),
      },
      payload: form({ token: issued }),
    });
    assert.equal(introspected.statusCode, 200, introspected.body);
    assert.equal(introspected.json<{ active: boolean }>().active, true);
  });
});

describe('OAuth failure throttle: per source address (security.failedAuthentication.perIpPerMinute)', () => {
  let small: TestApp;
  before(async () => {
    small = await startTestApp({ config: { security: { failedAuthentication: { perIpPerMinute: 5 } } } });
  });
  after(() => small.close());

  it('failures with ever new client_ids from one address spend its budget; other addresses are untouched', async () => {
    const client = await newClient(small);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) assertBasicChallenge(await token(unknownClient(i), ip, small));
    // 5 a minute refill one attempt every 12 s.
    assert.equal(assertThrottled(await token(unknownClient(5), ip, small)), 12);
    assert.equal((await token(client, ip, small)).statusCode, 200, 'a right secret from there still works');
    assert.equal((await token(client, freshIp(), small)).statusCode, 200, 'from another address it works');
    small.clock.advance(12_000);
    assert.equal(
      (await token(client, ip, small)).statusCode,
      200,
      'and from the first once Retry-After passed',
    );
  });

  it('by default an address may fail 600 times a minute', async () => {
    const ip = freshIp();
    for (let i = 0; i < 600; i++) assert.equal((await token(unknownClient(i), ip)).statusCode, 401);
    assert.equal(assertThrottled(await token(unknownClient(600), ip)), 1);
  });
});
