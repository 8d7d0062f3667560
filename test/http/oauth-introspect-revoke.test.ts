import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { issuePlatformKey } from '../../src/services/platform/platform-keys.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, createClient } from './clients-support.ts';
import {
  assertBasicChallenge,
  assertOAuthError,
  type ClientAuth,
  HOUR,
  introspect,
  postForm,
  requestToken,
  TOLERANCE,
  tokenFor,
  verifyToken,
  whoami,
} from './oauth-support.ts';
import { unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const newClient = async (tenantId?: string) =>
  createClient(t, tenantId ?? (await createTenant(t, { plan: 'pro' })), {
    scopes: ['bookings:read', 'customers:read'],
  });
const revoke = (token: string, auth: ClientAuth, extra: Record<string, string> = {}) =>
  postForm(t, 'revoke', { token, ...extra }, auth);
const verifierAuth = (): ClientAuth => ({ authorization: `Bearer ${t.verifierKey}` });

describe('introspection (RFC 7662)', () => {
  it('an active token: every member, for the client (basic, post) and for a platform key with verify', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client, { scope: 'customers:read' });
    const iat = Math.floor(t.clock.now() / 1000);
    const expected = {
      active: true,
      scope: 'customers:read',
      client_id: client.id,
      token_type: 'Bearer',
      exp: iat + 3600,
      iat,
      sub: client.id,
      aud: [t.context.oauth.issuer],
      iss: t.context.oauth.issuer,
      tenant: client.tenantId,
      mode: 'live',
    };
    for (const auth of [{ basic: client }, { post: client }, verifierAuth()]) {
      const response = await postForm(t, 'introspect', { token }, auth);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      const { jti, ...rest } = response.json<Record<string, unknown>>();
      assert.deepEqual(rest, expected);
      assert.match(String(jti), /^[A-Za-z0-9_-]{22}$/);
    }
    const sibling = await newClient(client.tenantId);
    assert.equal((await introspect(t, token, { basic: sibling })).active, true, 'same tenant');
  });

  it('expired, revoked, garbage and another tenant’s tokens are only {active: false}', async () => {
    const client = await newClient();
    const stranger = await newClient();
    const revoked = await tokenFor(t, client);
    assert.equal((await revoke(revoked, { basic: client })).statusCode, 200);
    const foreign = await tokenFor(t, stranger);
    for (const token of [revoked, 'garbage', 'a.b.c', unknownKey('sk'), foreign]) {
      assert.deepEqual(await introspect(t, token, { basic: client }), { active: false });
    }
    assert.equal((await introspect(t, foreign)).active, true, 'the platform key sees every tenant');
    const expiring = await tokenFor(t, client);
    t.clock.advance(HOUR + TOLERANCE);
    assert.deepEqual(await introspect(t, expiring, { basic: client }), { active: false });
  });

  it('unauthenticated or wrongly authenticated → 401 invalid_client; no token → 400 invalid_request', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    const manageOnly = (await issuePlatformKey(t.context, localPrincipal, 'manage-only', ['manage']))
      .plaintext;
    for (const auth of [
      undefined,
      { authorization: `Bearer ${manageOnly}` },
      { authorization: `Bearer ${token}` },
      { post: { client_id: client.id, client_secret: unknownKey('cs') } },
    ]) {
      const response = await postForm(t, 'introspect', { token }, auth);
      assertOAuthError(response, 401, 'invalid_client');
      assert.equal(response.body.includes('active'), false);
    }
    assertBasicChallenge(
      await postForm(t, 'introspect', { token }, { basic: { ...client, client_secret: unknownKey('cs') } }),
    );
    assertOAuthError(await postForm(t, 'introspect', {}, { basic: client }), 400, 'invalid_request');
    assertOAuthError(await postForm(t, 'introspect', {}, verifierAuth()), 400, 'invalid_request');
  });
});

describe('revocation (RFC 7009)', () => {
  it('a client revokes its own token: 200 {}, then verify says revoked and introspection inactive', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    const other = await tokenFor(t, client);
    const response = await revoke(token, { post: client }, { token_type_hint: 'access_token' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {});
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: false, code: 'revoked' });
    assert.deepEqual(await introspect(t, token), { active: false });
    assert.equal((await whoami(t, `Bearer ${token}`)).statusCode, 401);
    assert.equal((await verifyToken(t, other)).valid, true, 'only that token is revoked');
    assert.deepEqual((await revoke(token, { basic: client })).json(), {}, 'revoking twice is fine');
  });

  it('a garbage or expired token → 200 {} all the same', async () => {
    const client = await newClient();
    const expired = await tokenFor(t, client);
    t.clock.advance(HOUR + TOLERANCE);
    for (const token of ['garbage', 'a.b.c', expired]) {
      const response = await revoke(token, { basic: client });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {});
    }
  });

  it('a client cannot revoke another client’s token (400), which keeps working', async () => {
    const owner = await newClient();
    const sameTenant = await newClient(owner.tenantId);
    const otherTenant = await newClient();
    const token = await tokenFor(t, owner);
    for (const client of [sameTenant, otherTenant]) {
      assertOAuthError(await revoke(token, { basic: client }), 400, 'invalid_request');
    }
    assert.equal((await verifyToken(t, token)).valid, true);
    assert.equal((await introspect(t, token)).active, true);
  });

  it('a platform key with verify can revoke any token; unauthenticated or no token is refused', async () => {
    const token = await tokenFor(t, await newClient());
    assertOAuthError(await postForm(t, 'revoke', { token }), 401, 'invalid_client');
    assertOAuthError(await postForm(t, 'revoke', {}, verifierAuth()), 400, 'invalid_request');
    assert.equal((await verifyToken(t, token)).valid, true, 'refused calls revoke nothing');
    assert.deepEqual((await revoke(token, verifierAuth())).json(), {});
    assert.partialDeepStrictEqual(await verifyToken(t, token), { valid: false, code: 'revoked' });
  });
});

describe('audit of tokens', () => {
  it('the activity feed has token.issued, token.revoked and client.authentication_failed, without secrets', async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    const wrongSecret = unknownKey('cs');
    await requestToken(t, { basic: { client_id: client.id, client_secret: wrongSecret } });
    await revoke(token, { basic: client });
    const rows = await activity(t, client.tenantId);
    const byAction = (action: string) => rows.find((row) => row.action === action);
    assert.partialDeepStrictEqual(byAction('token.issued'), {
      actor: { type: 'client', id: client.id },
      target: { type: 'client', id: client.id },
      details: { scopes: ['bookings:read', 'customers:read'] },
    });
    assert.partialDeepStrictEqual(byAction('token.revoked'), { actor: { type: 'client', id: client.id } });
    assert.equal(byAction('token.revoked')?.details.jti, byAction('token.issued')?.details.jti);
    assert.equal(byAction('client.authentication_failed')?.details.reason, 'invalid_secret');
    const feed = JSON.stringify(rows);
    for (const secret of [client.client_secret, wrongSecret, token, token.split('.')[2] ?? '']) {
      assert.equal(feed.includes(secret), false, 'a secret or token is in the activity feed');
    }
  });

  it("the client's request feed shows verify and whoami calls made with its token", async () => {
    const client = await newClient();
    const token = await tokenFor(t, client);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${t.verifierKey}` },
      payload: { key: token, method: 'get', path: '/bookings' },
    });
    await whoami(t, `Bearer ${token}`);
    const response = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${client.tenantId}/audit/requests?keyId=${client.id}`,
    });
    const rows = response.json<{ items: Record<string, unknown>[] }>().items;
    assert.deepEqual(
      rows.map((row) => [
        row.credentialId,
        row.credentialType,
        row.method,
        row.path,
        row.status,
        row.outcome,
      ]),
      [
        [client.id, 'access_token', 'GET', '/api/v1/whoami', 200, 'valid'],
        [client.id, 'access_token', 'GET', '/bookings', 200, 'valid'],
      ],
    );
    assert.equal(response.body.includes(token), false);
  });
});
