import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import {
  AUTHORIZATION_CONFIG,
  approve,
  type Installable,
  installable,
  pkce,
  REDIRECT,
  RESOURCE,
  redeem,
} from './authorization-support.ts';
import { activity, createApp, createClient } from './clients-support.ts';
import { assertOAuthError, introspect, postForm, whoami } from './oauth-support.ts';
import { handoffBrowser } from './people-support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ config: AUTHORIZATION_CONFIG });
});
after(() => t.close());

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

const verifyAt = async (token: string) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}` },
    payload: { key: token },
  });
  return response.json<{ valid: boolean; code?: string; tenantId?: string; scopes?: string[] }>();
};

async function issued(
  setup: Installable,
  overrides: Record<string, string | undefined> = {},
): Promise<Tokens> {
  const verifier = pkce();
  const code = await approve(t, setup, verifier, overrides);
  const response = await redeem(t, setup, code, verifier.verifier);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Tokens>();
}

function refresh(setup: Installable, token: string, extra: Record<string, string> = {}) {
  return postForm(
    t,
    'token',
    { grant_type: 'refresh_token', refresh_token: token, ...extra },
    { basic: { client_id: setup.client.client_id, client_secret: setup.client.client_secret } },
  );
}

describe('token endpoint: authorization_code', () => {
  it('issues an RFC 9068 access token for the installation and a refresh token', async () => {
    const setup = await installable(t);
    const tokens = await issued(setup, { scope: 'bookings:read events:read', resource: RESOURCE });
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.scope, 'bookings:read events:read');
    assert.match(tokens.refresh_token, /^prt_live_/);
    const claims = decodeJwt(tokens.access_token);
    const installations = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
    });
    const [installation] = installations.json<{ items: { id: string }[] }>().items;
    assert.partialDeepStrictEqual(claims, {
      tenant: setup.tenantId,
      installation_id: installation?.id,
      sub: setup.owner.userId,
      client_id: setup.client.id,
      scope: 'bookings:read events:read',
      aud: RESOURCE,
      iss: t.context.oauth.issuer,
    });
    const verified = await verifyAt(tokens.access_token);
    assert.partialDeepStrictEqual(verified, { valid: true, tenantId: setup.tenantId });
    const introspected = await introspect(t, tokens.access_token);
    assert.partialDeepStrictEqual(introspected, {
      active: true,
      sub: setup.owner.userId,
      installation_id: installation?.id,
    });
    // A runtime credential for the platform's API, never a management one.
    assert.equal((await whoami(t, `Bearer ${tokens.access_token}`)).statusCode, 200);
    const management = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(management.statusCode, 401);
    // A refresh token is not a runtime credential.
    assert.equal((await verifyAt(tokens.refresh_token)).valid, false);
  });

  it('a wrong PKCE verifier, another redirect_uri or another client is invalid_grant', async () => {
    const setup = await installable(t);
    const other = await installable(t);
    const cases: [(code: string, verifier: string) => ReturnType<typeof redeem>][] = [
      [(code) => redeem(t, setup, code, pkce().verifier)],
      [(code, verifier) => redeem(t, setup, code, verifier, { redirect_uri: `${REDIRECT}/` })],
      [(code, verifier) => redeem(t, setup, code, verifier, { redirect_uri: '' })],
      [(code, verifier) => redeem(t, other, code, verifier)],
    ];
    for (const [attempt] of cases) {
      const verifier = pkce();
      const code = await approve(t, setup, verifier);
      assertOAuthError(await attempt(code, verifier.verifier), 400, 'invalid_grant');
    }
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    assertOAuthError(
      await redeem(t, setup, code, verifier.verifier, { code_verifier: '' }),
      400,
      'invalid_request',
    );
  });

  it('a code lives 60 s', async () => {
    const setup = await installable(t);
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    t.clock.advance(60_000);
    assertOAuthError(await redeem(t, setup, code, verifier.verifier), 400, 'invalid_grant');
  });

  it('a second redemption fails and revokes what the first issued', async () => {
    const setup = await installable(t);
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    const first = await redeem(t, setup, code, verifier.verifier);
    assert.equal(first.statusCode, 200, first.body);
    const tokens = first.json<Tokens>();
    assert.equal((await verifyAt(tokens.access_token)).valid, true);
    assertOAuthError(await redeem(t, setup, code, verifier.verifier), 400, 'invalid_grant');
    assert.partialDeepStrictEqual(await verifyAt(tokens.access_token), { valid: false, code: 'revoked' });
    assertOAuthError(await refresh(setup, tokens.refresh_token), 400, 'invalid_grant');
    assert.equal((await activity(t, setup.tenantId, 'grant.replay_detected')).length, 1);
  });

  it('a confidential client without its secret is invalid_client', async () => {
    const setup = await installable(t);
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    const response = await postForm(t, 'token', {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      client_id: setup.client.id,
    });
    assertOAuthError(response, 401, 'invalid_client');
  });
});

describe('token endpoint: refresh_token', () => {
  it('rotates on every use; replaying a consumed one revokes the whole family', async () => {
    const setup = await installable(t);
    const first = await issued(setup);
    const second = await refresh(setup, first.refresh_token);
    assert.equal(second.statusCode, 200, second.body);
    const rotated = second.json<Tokens>();
    assert.notEqual(rotated.refresh_token, first.refresh_token);
    assert.equal((await verifyAt(rotated.access_token)).valid, true);
    // The old one again: a replay.
    assertOAuthError(await refresh(setup, first.refresh_token), 400, 'invalid_grant');
    assertOAuthError(await refresh(setup, rotated.refresh_token), 400, 'invalid_grant');
    assert.partialDeepStrictEqual(await verifyAt(rotated.access_token), { valid: false, code: 'revoked' });
    assert.partialDeepStrictEqual(await verifyAt(first.access_token), { valid: false, code: 'revoked' });
  });

  it('narrows scopes, never widens them; binds the resource and the client', async () => {
    const setup = await installable(t);
    const tokens = await issued(setup, { scope: 'bookings:read events:read' });
    const narrowed = await refresh(setup, tokens.refresh_token, { scope: 'events:read' });
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    const next = narrowed.json<Tokens>();
    assert.equal(next.scope, 'events:read');
    assert.equal(decodeJwt(next.access_token).scope, 'events:read');
    // The refresh token keeps the whole grant.
    const back = await refresh(setup, next.refresh_token, { scope: 'bookings:read events:read' });
    assert.equal(back.statusCode, 200, back.body);
    const latest = back.json<Tokens>();
    assertOAuthError(
      await refresh(setup, latest.refresh_token, { scope: 'bookings:write' }),
      400,
      'invalid_scope',
    );
    assertOAuthError(
      await refresh(setup, latest.refresh_token, { resource: RESOURCE }),
      400,
      'invalid_target',
    );
    const other = await installable(t);
    assertOAuthError(await refresh(other, latest.refresh_token), 400, 'invalid_grant');
    // None of the refusals consumed it.
    assert.equal((await refresh(setup, latest.refresh_token)).statusCode, 200);
  });

  it('idle and absolute expiry from config', async () => {
    const setup = await installable(t);
    const tokens = await issued(setup);
    t.clock.advance(30 * 86_400_000);
    assertOAuthError(await refresh(setup, tokens.refresh_token), 400, 'invalid_grant');
    // The console session has long ended too: sign in again.
    setup.owner = await handoffBrowser(t, setup.tenantId, 'owner');
    let current = (await issued(setup)).refresh_token;
    // Used every 20 days it lives on, until the family's 90 days are over.
    for (let day = 20; day < 90; day += 20) {
      t.clock.advance(20 * 86_400_000);
      const response = await refresh(setup, current);
      assert.equal(response.statusCode, 200, `day ${day}: ${response.body}`);
      current = response.json<Tokens>().refresh_token;
    }
    t.clock.advance(20 * 86_400_000);
    assertOAuthError(await refresh(setup, current), 400, 'invalid_grant');
  });
});

describe('introspection and revocation of refresh tokens', () => {
  it('introspects a live refresh token; revoking it revokes its family and its access tokens', async () => {
    const setup = await installable(t);
    const tokens = await issued(setup);
    const auth = { basic: { client_id: setup.client.client_id, client_secret: setup.client.client_secret } };
    assert.partialDeepStrictEqual(await introspect(t, tokens.refresh_token, auth), {
      active: true,
      token_type: 'refresh_token',
      client_id: setup.client.id,
      sub: setup.owner.userId,
    });
    const other = await installable(t);
    const otherAuth = {
      basic: { client_id: other.client.client_id, client_secret: other.client.client_secret },
    };
    assert.deepEqual(await introspect(t, tokens.refresh_token, otherAuth), { active: false });
    assertOAuthError(
      await postForm(t, 'revoke', { token: tokens.refresh_token }, otherAuth),
      400,
      'invalid_request',
    );
    const revoked = await postForm(t, 'revoke', { token: tokens.refresh_token }, auth);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.deepEqual(await introspect(t, tokens.refresh_token), { active: false });
    assert.partialDeepStrictEqual(await verifyAt(tokens.access_token), { valid: false, code: 'revoked' });
    assertOAuthError(await refresh(setup, tokens.refresh_token), 400, 'invalid_grant');
  });
});

describe('uninstalling', () => {
  it('refuses every token of the installation on the next request', async () => {
    const setup = await installable(t);
    const tokens = await issued(setup);
    assert.equal((await verifyAt(tokens.access_token)).valid, true);
    const list = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
    });
    const [installation] = list.json<{ items: { id: string }[] }>().items;
    const removed = await asPlatform(t, {
      method: 'DELETE',
      url: `/api/v1/tenants/${setup.tenantId}/installations/${installation?.id}`,
    });
    assert.equal(removed.statusCode, 204);
    assert.partialDeepStrictEqual(await verifyAt(tokens.access_token), { valid: false, code: 'revoked' });
    assert.deepEqual(await introspect(t, tokens.access_token), { active: false });
    assert.deepEqual(await introspect(t, tokens.refresh_token), { active: false });
    assertOAuthError(await refresh(setup, tokens.refresh_token), 400, 'invalid_grant');
    // Installing again makes a new installation; the old tokens stay dead.
    const again = await issued(setup);
    assert.equal((await verifyAt(again.access_token)).valid, true);
    assert.notEqual(decodeJwt(again.access_token).installation_id, installation?.id);
    assert.equal((await verifyAt(tokens.access_token)).valid, false);
  });
});

describe('without resource servers', () => {
  it("an installation's token has the issuer as audience and still never reaches the management API", async () => {
    const bare = await startTestApp();
    try {
      const setup = await installable(bare);
      const verifier = pkce();
      const code = await approve(bare, setup, verifier);
      const tokens = (await redeem(bare, setup, code, verifier.verifier)).json<Tokens>();
      assert.equal(decodeJwt(tokens.access_token).aud, bare.context.oauth.issuer);
      const management = await bare.app.inject({
        method: 'GET',
        url: `/api/v1/tenants/${setup.tenantId}/installations`,
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      assert.equal(management.statusCode, 401, management.body);
    } finally {
      await bare.close();
    }
  });
});

describe('public clients', () => {
  it("a public app's client redeems and refreshes with its client_id and PKCE alone", async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId, { name: 'Court SPA', type: 'public', redirectUris: [REDIRECT] });
    const client = await createClient(t, tenantId, { appId: app.id });
    const setup: Installable = {
      tenantId,
      owner: await handoffBrowser(t, tenantId, 'owner'),
      client: { ...client, client_secret: '' },
    };
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    const redeemed = await postForm(t, 'token', {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      client_id: client.id,
    });
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const tokens = redeemed.json<Tokens>();
    assert.equal((await verifyAt(tokens.access_token)).valid, true);
    const refreshed = await postForm(t, 'token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: client.id,
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    // Its tokens are bound to it: another client cannot use them.
    const other = await installable(t);
    assertOAuthError(await refresh(other, refreshed.json<Tokens>().refresh_token), 400, 'invalid_grant');
  });
});

describe('public clients: revocation', () => {
  it('a public client revokes its refresh token with its client_id alone (RFC 7009 §2.1)', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId, { type: 'public', redirectUris: [REDIRECT] });
    const client = await createClient(t, tenantId, { appId: app.id });
    const setup: Installable = {
      tenantId,
      owner: await handoffBrowser(t, tenantId, 'owner'),
      client: { ...client, client_secret: '' },
    };
    const verifier = pkce();
    const code = await approve(t, setup, verifier);
    const tokens = (
      await postForm(t, 'token', {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier.verifier,
        redirect_uri: REDIRECT,
        client_id: client.id,
      })
    ).json<Tokens>();
    const revoked = await postForm(t, 'revoke', { token: tokens.refresh_token, client_id: client.id });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.partialDeepStrictEqual(await verifyAt(tokens.access_token), { valid: false, code: 'revoked' });
    // A confidential client cannot pass itself off as public.
    const other = await installable(t);
    const refused = await postForm(t, 'revoke', { token: tokens.refresh_token, client_id: other.client.id });
    assertOAuthError(refused, 401, 'invalid_client');
  });
});

describe('cleanup', () => {
  it('drops unspent expired codes at once, keeps spent ones so a late replay still revokes', async () => {
    const setup = await installable(t);
    const unspent = pkce();
    await approve(t, setup, unspent);
    const spent = pkce();
    const code = await approve(t, setup, spent);
    const tokens = (await redeem(t, setup, code, spent.verifier)).json<Tokens>();
    t.clock.advance(61_000);
    const now = t.clock.now();
    const absolute = t.context.oauth.refreshTokenAbsoluteMs;
    assert.ok((await t.store.oauthGrants.deleteExpiredCodes(now, now - absolute)) >= 1);
    assertOAuthError(await redeem(t, setup, code, spent.verifier), 400, 'invalid_grant');
    assert.partialDeepStrictEqual(await verifyAt(tokens.access_token), { valid: false, code: 'revoked' });
    // The family's rows stay until the family itself ends.
    await t.store.oauthGrants.deleteEndedRefreshTokens(now);
    assert.ok((await t.store.oauthGrants.deleteEndedRefreshTokens(now + absolute)) >= 1);
  });
});
