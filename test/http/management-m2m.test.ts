import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revokeAccessToken } from '../../src/services/tokens/revoke-access-token.ts';
import { platformRevoker } from '../services/support.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { clientsUrl } from './clients-support.ts';
import { activityOf, m2mToken, managementKeysUrl } from './management-support.ts';
import { assertProblem, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const createKeyWith = (authorization: string, tenantId: string) =>
  t.app.inject({
    method: 'POST',
    url: keysUrl(tenantId),
    headers: { authorization },
    payload: { name: 'by M2M' },
  });
const keyCount = async (tenantId: string) =>
  (await asPlatform(t, { method: 'GET', url: keysUrl(tenantId) })).json<{ items: unknown[] }>().items.length;

describe('management auth: M2M access tokens', () => {
  it('a token with manage:keys creates keys in its tenant, recorded with its client as actor', async () => {
    const tenantId = await createTenant(t);
    const { authorization, clientId } = await m2mToken(t, tenantId, ['manage:keys']);
    const created = await createKeyWith(authorization, tenantId);
    assert.equal(created.statusCode, 201, created.body);
    const [row] = await activityOf(t, tenantId, 'key.created');
    assert.partialDeepStrictEqual(row?.actor, { type: 'client', id: clientId });
  });

  it("the same token on another tenant's path → 404 and nothing written", async () => {
    const tenantId = await createTenant(t);
    const other = await createTenant(t);
    const { authorization } = await m2mToken(t, tenantId, ['manage:keys']);
    const response = await createKeyWith(authorization, other);
    assertProblem(response, 404, 'not_found');
    assert.equal(await keyCount(other), 0);
  });

  it('a token without manage:keys → 403 with missingScopes and an RFC 6750 §3.1 challenge', async () => {
    const tenantId = await createTenant(t);
    const { authorization } = await m2mToken(t, tenantId, ['read:audit', 'bookings:read']);
    const response = await createKeyWith(authorization, tenantId);
    const problem = assertProblem(response, 403, 'insufficient_scope');
    assert.deepEqual(problem.missingScopes, ['manage:keys']);
    assert.match(
      String(response.headers['www-authenticate']),
      /Bearer .*error="insufficient_scope", scope="manage:keys"/,
    );
    assert.equal(await keyCount(tenantId), 0);
  });

  it('an expired token → 401 invalid_token, once past exp and the clock tolerance', async () => {
    const tenantId = await createTenant(t);
    const { authorization } = await m2mToken(t, tenantId, ['manage:keys']);
    t.clock.advance(t.config.oauth.accessTokenTtlSeconds * 1000);
    assert.equal((await createKeyWith(authorization, tenantId)).statusCode, 201, 'inside the 30 s tolerance');
    t.clock.advance(31_000);
    const response = await createKeyWith(authorization, tenantId);
    assertProblem(response, 401, 'invalid_credential');
    assert.match(String(response.headers['www-authenticate']), /error="invalid_token"/);
  });

  it('a revoked token, or one of a deleted client, → 401; a suspended client keeps its tokens until exp', async () => {
    const tenantId = await createTenant(t);
    const revoked = await m2mToken(t, tenantId, ['manage:keys']);
    assert.equal((await revokeAccessToken(t.context, revoked.token, platformRevoker)).outcome, 'revoked');
    assertProblem(await createKeyWith(revoked.authorization, tenantId), 401, 'invalid_credential');

    const deleted = await m2mToken(t, tenantId, ['manage:keys']);
    await asPlatform(t, { method: 'DELETE', url: `${clientsUrl(tenantId)}/${deleted.clientId}` });
    assertProblem(await createKeyWith(deleted.authorization, tenantId), 401, 'invalid_credential');

    const suspended = await m2mToken(t, tenantId, ['manage:keys']);
    const patch = await asPlatform(t, {
      method: 'PATCH',
      url: `${clientsUrl(tenantId)}/${suspended.clientId}`,
      payload: { status: 'suspended' },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal((await createKeyWith(suspended.authorization, tenantId)).statusCode, 201);
  });

  it('a tampered, unsigned or wrongly presented token → 401', async () => {
    const tenantId = await createTenant(t);
    const { token } = await m2mToken(t, tenantId, ['manage:keys']);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const widened = Buffer.from(JSON.stringify({ ...claims, tenant: 'ten_other' })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
    for (const authorization of [
      `Bearer ${header}.${widened}.${signature}`,
      `Bearer ${none}.${payload}.`,
      // A character inside the signature, not its last one (whose low bits decode to nothing).
      `Bearer ${tamper(token, token.length - 10)}`,
      `ApiKey ${token}`,
    ]) {
      assertProblem(await createKeyWith(authorization, tenantId), 401, 'invalid_credential');
    }
  });

  it('a token cannot rotate, and so obtain, the secret of a client stronger than itself; nothing changes', async () => {
    const tenantId = await createTenant(t);
    const stronger = await m2mToken(t, tenantId, ['manage:keys']);
    const { authorization } = await m2mToken(t, tenantId, ['manage:clients']);
    const response = await t.app.inject({
      method: 'POST',
      url: `${clientsUrl(tenantId)}/${stronger.clientId}/rotate-secret`,
      headers: { authorization },
    });
    assert.deepEqual(assertProblem(response, 403, 'insufficient_scope').missingScopes, ['manage:keys']);
    assert.deepEqual(await activityOf(t, tenantId, 'client.secret_rotated'), [], 'no secret was issued');
  });

  it('a token cannot mint a management key pair stronger than itself', async () => {
    const tenantId = await createTenant(t);
    const { authorization } = await m2mToken(t, tenantId, ['manage:management-keys']);
    const response = await t.app.inject({
      method: 'POST',
      url: managementKeysUrl(tenantId),
      headers: { authorization },
      payload: { name: 'stronger', permissions: ['manage:keys'] },
    });
    assert.deepEqual(assertProblem(response, 403, 'insufficient_scope').missingScopes, ['manage:keys']);
  });
});

describe('management auth: M2M token audience', () => {
  let r: TestApp;
  before(async () => {
    r = await startTestApp({
      config: { oauth: { resourceServers: [{ audience: 'https://api.example.com' }] } },
    });
  });
  after(() => r.close());

  it("a token for the platform's resource server is not a management token (RFC 9068 §4); one for the issuer is", async () => {
    const tenantId = await createTenant(r);
    const forApi = await m2mToken(r, tenantId, ['read:tenant']);
    const url = `/api/v1/tenants/${tenantId}`;
    const refused = await r.app.inject({
      method: 'GET',
      url,
      headers: { authorization: forApi.authorization },
    });
    assertProblem(refused, 401, 'invalid_credential');
    const forUs = await m2mToken(r, tenantId, ['read:tenant'], r.context.oauth.issuer);
    const accepted = await r.app.inject({
      method: 'GET',
      url,
      headers: { authorization: forUs.authorization },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
  });
});

/** The token with the character at `index` replaced by another base64url character. */
function tamper(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}
