// Refusals reach the activity feed gathered: one row per (tenant, action, actor, target, reason) per minute.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { type ActivityRow, activityOf, createKeyPair, m2mToken } from './management-support.ts';
import { basic, form, OAUTH } from './oauth-support.ts';
import { assertNoSecret, assertProblem, keysUrl, unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

interface FailureDetails {
  reason: string;
  count: number;
  firstAt: number;
  lastAt: number;
  ips: string[];
}
const detailsOf = (row: ActivityRow) => row.details as unknown as FailureDetails;
const total = (rows: ActivityRow[]) => rows.reduce((sum, row) => sum + detailsOf(row).count, 0);

describe('failed authentications in the activity feed', () => {
  it("200 wrong client secrets over 200 s: a row a minute in the client's tenant, counting every 401, no secret", async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId);
    const ip = '192.0.2.10';
    const secrets: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const secret = unknownKey('cs');
      secrets.push(secret);
      const response = await t.app.inject({
        method: 'POST',
        url: `${OAUTH}/token`,
        remoteAddress: ip,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basic(client.id, secret),
        },
        payload: form({ grant_type: 'client_credentials' }),
      });
      statuses.push(response.statusCode);
      t.clock.advance(1000);
    }
    const refused = statuses.filter((status) => status === 401).length;
    assert.equal(refused + statuses.filter((status) => status === 429).length, 200);
    assert.ok(refused > 100, `${refused} failures were not throttled: a burst of 30, then one each 2 s`);

    const rows = await activityOf(t, tenantId, 'client.authentication_failed');
    assert.ok(rows.length >= 1 && rows.length <= 4, `${rows.length} rows for 200 s of failures`);
    assert.equal(total(rows), refused, 'every failure that was not throttled is counted, once');
    for (const row of rows) {
      assert.deepEqual(row.actor, { type: 'client', id: client.id, ip });
      assert.deepEqual(row.target, { type: 'client', id: client.id });
      const details = detailsOf(row);
      assert.equal(details.reason, 'invalid_secret');
      assert.deepEqual(details.ips, [ip]);
      assert.ok(details.lastAt - details.firstAt < 60_000, 'one row spans at most a minute');
    }
    const feed = JSON.stringify(await activityOf(t, tenantId));
    for (const secret of [...secrets, client.client_secret]) assertNoSecret(feed, secret);
  });

  it("200 wrong secrets for a key pair at once: one row in the pair's tenant counting the 30 that were not throttled", async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['read:tenant']);
    const secrets: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const secret = unknownKey('ms');
      secrets.push(secret);
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/tenants/${tenantId}`,
        remoteAddress: '192.0.2.20',
        headers: { 'x-api-key': pair.apiKey, 'x-api-secret': secret },
      });
      statuses.push(response.statusCode);
    }
    assert.deepEqual(
      [
        statuses.filter((status) => status === 401).length,
        statuses.filter((status) => status === 429).length,
      ],
      [30, 170],
    );
    const rows = await activityOf(t, tenantId, 'management_key.authentication_failed');
    assert.equal(rows.length, 1);
    assert.partialDeepStrictEqual(rows[0], {
      actor: { type: 'management_key', id: pair.apiKey, ip: '192.0.2.20' },
      target: { type: 'management_key', id: pair.apiKey },
      details: { count: 30, ips: ['192.0.2.20'] },
    });
    const feed = JSON.stringify(await activityOf(t, tenantId));
    for (const secret of [...secrets, pair.apiSecret]) assertNoSecret(feed, secret);
  });

  it("failures of one tenant's credentials never reach another tenant's feed", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const pair = await createKeyPair(t, a, ['read:tenant']);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenants/${b}`,
      headers: { 'x-api-key': pair.apiKey, 'x-api-secret': unknownKey('ms') },
    });
    assertProblem(response, 401, 'invalid_credential');
    assert.equal((await activityOf(t, a, 'management_key.authentication_failed')).length, 1);
    assert.deepEqual(await activityOf(t, b, 'management_key.authentication_failed'), []);
  });
});

describe('403 denials in the activity feed', () => {
  it('a key pair lacking a permission: 403, and an access.denied row naming the permission and the pair', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['read:tenant']);
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: keysUrl(tenantId),
        remoteAddress: '192.0.2.30',
        headers: pair.headers,
      });
      assertProblem(response, 403, 'insufficient_scope');
    }
    const rows = await activityOf(t, tenantId, 'access.denied');
    assert.equal(rows.length, 1, 'three denials, one row');
    assert.partialDeepStrictEqual(rows[0], {
      actor: { type: 'management_key', id: pair.id, ip: '192.0.2.30' },
      target: { type: 'tenant', id: tenantId },
      details: { reason: 'manage:keys', count: 3, ips: ['192.0.2.30'] },
    });
    assertNoSecret(JSON.stringify(rows), pair.apiSecret);
  });

  it('tenant credentials on a platform-only route: 403, and an access.denied row in their own tenant', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['read:tenant', 'manage:keys']);
    const { clientId, authorization } = await m2mToken(t, tenantId, ['read:tenant']);
    for (const headers of [pair.headers, { authorization }]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/tenants', headers });
      assertProblem(response, 403, 'insufficient_scope');
    }
    const rows = await activityOf(t, tenantId, 'access.denied');
    const denials = rows.map((row) => [row.actor.type, row.actor.id, row.target.id, detailsOf(row).reason]);
    assert.deepEqual(denials.sort(), [
      ['client', clientId, tenantId, 'manage'],
      ['management_key', pair.id, tenantId, 'manage'],
    ]);
  });
});
