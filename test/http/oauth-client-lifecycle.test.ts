import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, type ClientView, clientsUrl, createClient } from './clients-support.ts';
import {
  assertBasicChallenge,
  type ClientCredentials,
  HOUR,
  introspect,
  patchClient,
  patchTenant,
  requestToken,
  TOLERANCE,
  tokenFor,
  verifyToken,
  whoami,
} from './oauth-support.ts';
import { assertNoSecret } from './support.ts';

// Seed 002, "Authentication & Client Management": every row of its credential and lifecycle tables, plus
// its rotation and scope-update rules, through the management API and the token endpoint.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY = 24 * HOUR;
const newClient = async (body: Record<string, unknown> = {}) =>
  createClient(t, await createTenant(t, { plan: 'pro' }), { scopes: ['bookings:read'], ...body });
const adminView = async (client: ClientView) =>
  (
    await asPlatform(t, { method: 'GET', url: `${clientsUrl(client.tenantId)}/${client.id}` })
  ).json<ClientView>();
const noToken = async (client: ClientCredentials) =>
  assertBasicChallenge(await requestToken(t, { basic: client }));
const rotate = async (client: ClientView, payload?: object) => {
  const response = await asPlatform(t, {
    method: 'POST',
    url: `${clientsUrl(client.tenantId)}/${client.id}/rotate-secret`,
    ...(payload === undefined ? {} : { payload }),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<ClientView & ClientCredentials>();
};
/** Whether a token is still good for calls: verify, whoami and introspection agree. */
async function assertTokenWorks(token: string, clientId: string): Promise<void> {
  assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: true, clientId });
  assert.equal((await whoami(t, `Bearer ${token}`)).statusCode, 200);
  assert.equal((await introspect(t, token)).active, true);
}

describe('seed 002 credentials', () => {
  it('Client ID: permanent, visible in the admin API, the token subject, and named in the audit log', async () => {
    const client = await newClient();
    assert.equal((await adminView(client)).id, client.client_id);
    const claims = decodeJwt(await tokenFor(t, client));
    assert.deepEqual([claims.sub, claims.client_id], [client.client_id, client.client_id]);
    const [issued] = await activity(t, client.tenantId, 'token.issued');
    assert.deepEqual([issued?.actor.id, issued?.target.id], [client.client_id, client.client_id]);
  });

  it('Client Secret: shown once on creation, never in a later read, and it alone gets tokens', async () => {
    const client = await newClient();
    assert.match(client.client_secret, /^cs_live_/);
    const read = await asPlatform(t, { method: 'GET', url: `${clientsUrl(client.tenantId)}/${client.id}` });
    const list = await asPlatform(t, { method: 'GET', url: clientsUrl(client.tenantId) });
    for (const body of [read.body, list.body, JSON.stringify(await activity(t, client.tenantId))]) {
      assertNoSecret(body, client.client_secret);
    }
    await tokenFor(t, client);
  });

  it('Access Token: a new one per request, sent as Bearer, valid for 1 hour, no refresh token', async () => {
    const client = await newClient();
    const response = await requestToken(t, { basic: client });
    assert.equal(response.json<Record<string, unknown>>().refresh_token, undefined);
    assert.equal(response.json<{ expires_in: number }>().expires_in, 3600);
    const token = response.json<{ access_token: string }>().access_token;
    assert.notEqual(await tokenFor(t, client), token, 'every request gets its own token');
    t.clock.advance(HOUR + TOLERANCE - 1);
    await assertTokenWorks(token, client.id);
    t.clock.advance(1);
    assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: false, code: 'expired' });
    assert.equal((await whoami(t, `Bearer ${token}`)).statusCode, 401);
    assert.deepEqual(await introspect(t, token), { active: false });
    await assertTokenWorks(await tokenFor(t, client), client.id); // simply request a new one
  });
});

describe('seed 002 client lifecycle', () => {
  it('Active: gets tokens', async () => {
    const client = await newClient();
    assert.equal((await adminView(client)).status, 'active');
    await assertTokenWorks(await tokenFor(t, client), client.id);
  });

  it('Suspended: no new tokens; tokens issued before run until they expire; re-activation works', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    assert.equal(
      (await patchClient(t, client.tenantId, client.id, { status: 'suspended' })).status,
      'suspended',
    );
    await noToken(client);
    await assertTokenWorks(token, client.id);
    t.clock.advance(HOUR + TOLERANCE);
    assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: false, code: 'expired' });
    await patchClient(t, client.tenantId, client.id, { status: 'active' });
    await assertTokenWorks(await tokenFor(t, client), client.id);
  });

  it('Expired: no tokens past the expiry date; the admin API says expired', async () => {
    const client = await newClient({ expiresInDays: 1 });
    t.clock.advance(DAY - HOUR / 2);
    const token = await tokenFor(t, client);
    t.clock.advance(HOUR / 2);
    assert.equal((await adminView(client)).status, 'expired');
    await noToken(client);
    // A token issued before the expiry date runs out on its own, like any other.
    await assertTokenWorks(token, client.id);
    const [failed] = await activity(t, client.tenantId, 'client.authentication_failed');
    assert.equal(failed?.details.reason, 'expired');
    assert.equal(failed?.details.count, 1);
  });

  it('Deleted: no tokens, and its tokens stop at once (verify revoked, introspection inactive)', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    const deleted = await asPlatform(t, {
      method: 'DELETE',
      url: `${clientsUrl(client.tenantId)}/${client.id}`,
    });
    assert.equal(deleted.json<ClientView>().status, 'deleted');
    await noToken(client);
    assert.partialDeepStrictEqual(await verifyToken(t, token), {
      valid: false,
      code: 'revoked',
      clientId: client.id,
    });
    assert.deepEqual(await introspect(t, token), { active: false });
    assert.equal((await whoami(t, `Bearer ${token}`)).statusCode, 401);
  });
});

describe('seed 002 secret rotation and scope updates', () => {
  it('rotate-secret: the old secret stops at once, the new one works, same client_id, old tokens stay valid', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    const rotated = await rotate(client);
    assert.equal(rotated.client_id, client.client_id);
    assert.notEqual(rotated.client_secret, client.client_secret);
    await noToken(client);
    assert.equal(decodeJwt(await tokenFor(t, rotated)).sub, client.client_id);
    await assertTokenWorks(token, client.id);
  });

  it('rotate-secret with gracePeriodSeconds: the old secret gets tokens until the grace ends', async () => {
    const client = await newClient();
    const rotated = await rotate(client, { gracePeriodSeconds: 300 });
    await tokenFor(t, client);
    t.clock.advance(299_999);
    await tokenFor(t, client);
    t.clock.advance(1);
    await noToken(client);
    await tokenFor(t, rotated);
  });

  it('scope update: the next token carries the new scopes, an existing token keeps its own', async () => {
    const client = await newClient({ scopes: ['bookings:read'] });
    const before = await tokenFor(t, client);
    await patchClient(t, client.tenantId, client.id, { scopes: ['customers:read', 'events:read'] });
    const next = await tokenFor(t, client);
    assert.equal(decodeJwt(next).scope, 'customers:read events:read');
    assert.partialDeepStrictEqual(await verifyToken(t, next), {
      valid: true,
      scopes: ['customers:read', 'events:read'],
    });
    assert.partialDeepStrictEqual(await verifyToken(t, before), { valid: true, scopes: ['bookings:read'] });
    assert.partialDeepStrictEqual(await verifyToken(t, before, ['customers:read']), {
      valid: false,
      code: 'insufficient_scope',
      missingScopes: ['customers:read'],
    });
    assert.equal((await introspect(t, before)).scope, 'bookings:read');
  });

  it('tenant suspended: no tokens, its tokens are inactive and verify says tenant_suspended', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    await patchTenant(t, client.tenantId, { status: 'suspended' });
    await noToken(client);
    assert.deepEqual(await introspect(t, token), { active: false });
    assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: false, code: 'tenant_suspended' });
    assert.equal((await whoami(t, `Bearer ${token}`)).statusCode, 401);
    await patchTenant(t, client.tenantId, { status: 'active' });
    await assertTokenWorks(token, client.id);
  });
});
