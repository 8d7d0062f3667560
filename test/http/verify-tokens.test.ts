import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { type CreatedClient, createClient } from './clients-support.ts';
import { HOUR, patchTenant, TOLERANCE, tokenFor, verifyToken, whoami } from './oauth-support.ts';
import { assertProblem } from './support.ts';

// Access tokens through POST /api/v1/verify and GET /api/v1/whoami: the same result shape as API keys.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const newClient = async (plan: string, scopes: string[], mode: 'live' | 'test' = 'live') =>
  createClient(t, await createTenant(t, { plan }), { scopes, mode });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sorted = (scopes: unknown) => [...(scopes as string[])].sort();

/** A genuine token's header and claims, to forge variants of it. */
async function genuine(client: CreatedClient): Promise<{ kid: string; claims: JWTPayload }> {
  const token = await tokenFor(t, client);
  return { kid: (await t.context.signingKeys.current(t.clock.now())).kid, claims: decodeJwt(token) };
}

describe('verify with an access token: happy', () => {
  it('a valid token: credentialType access_token, tenant, client, mode, effective scopes, rate limit', async () => {
    const client = await newClient('free', ['bookings:read', 'events:read']);
    assert.deepEqual(await verifyToken(t, await tokenFor(t, client)), {
      valid: true,
      credentialType: 'access_token',
      tenantId: client.tenantId,
      clientId: client.id,
      mode: 'live',
      scopes: ['bookings:read', 'events:read'],
      ratelimit: { limit: 60, remaining: 59, resetSeconds: 1 },
    });
  });

  it('scopes expand by implies; a test-mode token is test; management permissions are not runtime scopes', async () => {
    const client = await newClient('pro', ['bookings:write', 'manage:keys'], 'test');
    const result = await verifyToken(t, await tokenFor(t, client));
    assert.deepEqual([result.valid, result.mode], [true, 'test']);
    assert.deepEqual(sorted(result.scopes), ['bookings:read', 'bookings:write']);
  });

  it("effective scopes are narrowed by the tenant's plan now and checked against the scopes asked for", async () => {
    const client = await newClient('pro', ['bookings:read', 'customers:read']);
    const token = await tokenFor(t, client);
    assert.deepEqual(sorted((await verifyToken(t, token, ['customers:read'])).scopes), [
      'bookings:read',
      'customers:read',
    ]);
    await patchTenant(t, client.tenantId, { plan: 'free' });
    assert.deepEqual((await verifyToken(t, token)).scopes, ['bookings:read']);
    assert.partialDeepStrictEqual(await verifyToken(t, token, ['bookings:read', 'customers:read']), {
      valid: false,
      code: 'insufficient_scope',
      credentialType: 'access_token',
      clientId: client.id,
      missingScopes: ['customers:read'],
    });
    await patchTenant(t, client.tenantId, { plan: 'pro' });
    assert.equal((await verifyToken(t, token, ['customers:read'])).valid, true, 'an upgrade re-lights it');
  });
});

describe('verify with an access token: refused', () => {
  it('alg none, HS256 with the public key, a tampered payload, an unknown kid → malformed', async () => {
    const client = await newClient('pro', ['bookings:read']);
    const { kid, claims } = await genuine(client);
    const token = await tokenFor(t, client);
    const [header, , signature] = token.split('.');
    const jwk = (await t.context.signingKeys.jwks(t.clock.now())).keys.find((key) => key.kid === kid);
    const foreign = await generateKeyPair('ES256');
    const forged = [
      `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims)}.`,
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .sign(Buffer.from(jwk?.x ?? 'x', 'base64url')),
      `${header}.${b64({ ...claims, scope: 'bookings:read customers:read' })}.${signature}`,
      `${header}.${b64({ ...claims, tenant: 'ten_other' })}.${signature}`,
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'unknown-kid' })
        .sign(foreign.privateKey),
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
        .sign(foreign.privateKey),
    ];
    for (const candidate of forged) {
      assert.deepEqual(await verifyToken(t, candidate), { valid: false, code: 'malformed' });
    }
    assert.equal((await verifyToken(t, token)).valid, true, 'the genuine token still verifies');
  });

  it('a token signed by us for another audience → malformed', async () => {
    const client = await newClient('pro', ['bookings:read']);
    const { token } = await issueAccessToken(t.context, {
      clientId: client.id,
      tenantId: client.tenantId,
      mode: 'live',
      scopes: ['bookings:read'],
      audience: 'https://other.example.com',
    });
    assert.deepEqual(await verifyToken(t, token), { valid: false, code: 'malformed' });
  });

  it('an expired token → expired, once past exp and the 30 s tolerance', async () => {
    const client = await newClient('pro', ['bookings:read']);
    const token = await tokenFor(t, client);
    t.clock.advance(HOUR + TOLERANCE - 1);
    assert.equal((await verifyToken(t, token)).valid, true);
    t.clock.advance(1);
    assert.deepEqual(await verifyToken(t, token), { valid: false, code: 'expired' });
  });

  it("rate limited per client at the plan's requests per minute (free: 60), across its tokens", async () => {
    const client = await newClient('free', ['bookings:read']);
    const [first, second] = [await tokenFor(t, client), await tokenFor(t, client)];
    for (let call = 0; call < 60; call++) {
      assert.equal((await verifyToken(t, call % 2 ? first : second)).valid, true, `call ${call + 1}`);
    }
    for (const token of [first, second]) {
      assert.partialDeepStrictEqual(await verifyToken(t, token), {
        valid: false,
        code: 'rate_limited',
        clientId: client.id,
        retryAfterSeconds: 1,
        ratelimit: { limit: 60, remaining: 0 },
      });
    }
    const other = await newClient('free', ['bookings:read']);
    assert.equal((await verifyToken(t, await tokenFor(t, other))).valid, true, 'another client has its own');
    t.clock.advance(1000);
    assert.equal((await verifyToken(t, first)).valid, true);
  });
});

describe('whoami with an access token', () => {
  it('Authorization: Bearer <token> answers the client, tenant, mode and scopes with rate-limit headers', async () => {
    const client = await newClient('free', ['bookings:read']);
    const response = await whoami(t, `Bearer ${await tokenFor(t, client)}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      credentialType: 'access_token',
      tenantId: client.tenantId,
      clientId: client.id,
      mode: 'live',
      scopes: ['bookings:read'],
    });
    assert.equal(response.headers['ratelimit-policy'], '"default";q=60;w=60');
  });

  it('ApiKey <token> → 401: access tokens travel only as Bearer (RFC 6750 §2.1)', async () => {
    const token = await tokenFor(t, await newClient('free', ['bookings:read']));
    const response = await whoami(t, `ApiKey ${token}`);
    assertProblem(response, 401, 'invalid_credential');
    assert.equal(response.body.includes(token), false);
  });
});
