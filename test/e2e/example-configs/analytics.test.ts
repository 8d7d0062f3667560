import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksumOf } from '../../../src/core/credential-format.ts';
import { call } from '../server.ts';
import { assertServesVocabulary, exampleServer, readExample, TAIL } from './support.ts';

// Seed 001 on examples/configs/analytics.json: `syx_live_…` keys sent as `Authorization: ApiKey …`, scopes
// entitled by plan at creation and on every request, 25 active keys, soft revocation and a per-key audit feed.

describe('examples/configs/analytics.json (seed 001)', () => {
  const config = readExample('analytics.json');
  const { server, asPlatform } = exampleServer('analytics.json');
  const createKey = (tenantId: string, body: Record<string, unknown>) =>
    asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, { type: 'restricted', mode: 'live', ...body });
  const verify = (key: string, scopes?: string[]) =>
    asPlatform('POST', '/api/v1/verify', scopes ? { key, scopes } : { key });
  const whoami = (auth: string) => call(server(), 'GET', '/api/v1/whoami', { auth });
  const newTenant = async (name: string, plan?: string) => {
    const tenant = await asPlatform('POST', '/api/v1/tenants', plan ? { name, plan } : { name });
    assert.equal(tenant.status, 201, tenant.text);
    return tenant.body.id as string;
  };
  let tenantId: string;
  const created: string[] = [];

  it('serves the mcp/read/search vocabulary and the Starter, Pro and Scale plans', async () => {
    await assertServesVocabulary(server(), config);
  });

  it('on the starter plan an MCP key is plan_required, naming Pro and Scale', async () => {
    const starter = await newTenant('Hobby affiliate');
    const refused = await createKey(starter, { name: 'MCP', scopes: ['mcp:*'] });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'plan_required');
    assert.deepEqual(refused.body.plans, ['pro', 'scale']);
    const read = await createKey(starter, { name: 'Reports', scopes: ['read:reports'] });
    assert.equal(read.body.code, 'plan_required', 'read:* is gated too');
  });

  it('on the starter plan a search:conversions key is plan_required, naming Pro and Scale', async () => {
    const starter = await newTenant('Weekend affiliate');
    const refused = await createKey(starter, { name: 'Search', scopes: ['search:conversions'] });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'plan_required');
    assert.deepEqual(refused.body.plans, ['pro', 'scale']);
  });

  it('on Pro: an MCP key syx_live_…, a read-only key scoped to conversions, ApiKey on whoami', async () => {
    tenantId = await newTenant('Media buyer', 'pro');
    const mcp = await createKey(tenantId, { name: 'Claude MCP', scopes: ['mcp:*'] });
    assert.equal(mcp.status, 201, mcp.text);
    assert.match(mcp.body.key, new RegExp(`^syx_live_${TAIL}$`));
    assert.equal(mcp.body.displayPrefix, mcp.body.key.slice(0, 12));
    assert.match(mcp.body.displayPrefix, /^syx_live_[0-9A-Za-z]{3}$/);
    created.push(mcp.body.id);

    const readOnly = await createKey(tenantId, {
      name: 'Conversions dashboard',
      scopes: ['read:conversions', 'search:conversions'],
    });
    assert.equal(readOnly.status, 201, readOnly.text);
    created.push(readOnly.body.id);
    const key: string = readOnly.body.key;
    for (const scope of ['read:conversions', 'search:conversions']) {
      const verified = await verify(key, [scope]);
      assert.equal(verified.body.valid, true, `${scope}: ${verified.text}`);
    }
    const clicks = await verify(key, ['read:clicks']);
    assert.equal(clicks.body.valid, false);
    assert.equal(clicks.body.code, 'insufficient_scope');

    const me = await whoami(`ApiKey ${key}`);
    assert.equal(me.status, 200, me.text);
    assert.deepEqual([...me.body.scopes].sort(), ['read:conversions', 'search:conversions']);
    const bearer = await whoami(`Bearer ${key}`);
    assert.equal(bearer.status, 401, 'Bearer is reserved for session JWTs');
  });

  it('a key created with scopes and no type is a restricted syx_live_ key', async () => {
    const untyped = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'Offers report',
      scopes: ['read:offers'],
    });
    assert.equal(untyped.status, 201, untyped.text);
    created.push(untyped.body.id);
    assert.equal(untyped.body.type, 'restricted');
    assert.equal(untyped.body.mode, 'live');
    assert.deepEqual(untyped.body.scopes, ['read:offers']);
    assert.match(untyped.body.key, new RegExp(`^syx_live_${TAIL}$`));
  });

  it('test mode: a key created in test mode is syx_test_…', async () => {
    const test = await createKey(tenantId, { name: 'Staging', mode: 'test', scopes: ['read:stats'] });
    assert.equal(test.status, 201, test.text);
    created.push(test.body.id);
    assert.equal(test.body.mode, 'test');
    assert.match(test.body.key, new RegExp(`^syx_test_${TAIL}$`));
    const me = await whoami(`ApiKey ${test.body.key}`);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.mode, 'test');
  });

  it('a downgrade narrows the effective scopes without revoking; an upgrade re-lights them; stored scopes unchanged', async () => {
    const tenant = await newTenant('Growing agency', 'pro');
    const key = await createKey(tenant, { name: 'Conversions', scopes: ['read:conversions'] });
    assert.equal(key.status, 201, key.text);
    assert.equal((await verify(key.body.key, ['read:conversions'])).body.valid, true);

    const down = await asPlatform('PATCH', `/api/v1/tenants/${tenant}`, { plan: 'starter' });
    assert.equal(down.status, 200, down.text);
    const narrowed = await verify(key.body.key, ['read:conversions']);
    assert.equal(narrowed.body.valid, false, narrowed.text);
    assert.equal(narrowed.body.code, 'insufficient_scope');
    const stored = await asPlatform('GET', `/api/v1/tenants/${tenant}/keys/${key.body.id}`);
    assert.equal(stored.body.status, 'active', 'not revoked');
    assert.deepEqual(stored.body.scopes, ['read:conversions']);

    const up = await asPlatform('PATCH', `/api/v1/tenants/${tenant}`, { plan: 'scale' });
    assert.equal(up.status, 200, up.text);
    const relit = await verify(key.body.key, ['read:conversions']);
    assert.equal(relit.body.valid, true, relit.text);
    assert.deepEqual(relit.body.scopes, ['read:conversions']);
    const after = await asPlatform('GET', `/api/v1/tenants/${tenant}/keys/${key.body.id}`);
    assert.deepEqual(after.body.scopes, ['read:conversions']);
  });

  it('revoking is a soft delete: the row stays, revoked, and the key stops at once', async () => {
    const tenant = await newTenant('Former partner', 'pro');
    const key = await createKey(tenant, { name: 'Partner feed', scopes: ['read:campaigns'] });
    assert.equal(key.status, 201, key.text);
    assert.equal((await whoami(`ApiKey ${key.body.key}`)).status, 200);

    const revoked = await asPlatform('DELETE', `/api/v1/tenants/${tenant}/keys/${key.body.id}`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.body.status, 'revoked');
    const kept = await asPlatform('GET', `/api/v1/tenants/${tenant}/keys/${key.body.id}`);
    assert.equal(kept.status, 200, kept.text);
    assert.equal(kept.body.status, 'revoked');
    assert.ok(kept.body.revokedAt);
    const refused = await verify(key.body.key, ['read:campaigns']);
    assert.equal(refused.body.valid, false);
    assert.equal(refused.body.code, 'revoked');
    assert.equal((await whoami(`ApiKey ${key.body.key}`)).status, 401);
  });

  it('whoami answers 401 to a malformed or unknown key, and to a key sent as Bearer', async () => {
    const head = `syx_live_${'A'.repeat(24)}`;
    const unknown = head + checksumOf(head);
    const broken = `${unknown.slice(0, -1)}${unknown.endsWith('x') ? 'y' : 'x'}`;
    for (const [what, key] of [
      ['too short', 'syx_live_AbC'],
      ['a wrong checksum', broken],
      ['unknown', unknown],
    ]) {
      const me = await whoami(`ApiKey ${key}`);
      assert.equal(me.status, 401, `${what}: ${me.text}`);
      assert.equal(me.body.code, 'invalid_credential', what);
    }
    assert.equal((await verify(broken)).body.code, 'malformed');
    assert.equal((await verify(unknown)).body.code, 'not_found');

    const key = await createKey(tenantId, { name: 'Clicks', scopes: ['read:clicks'] });
    assert.equal(key.status, 201, key.text);
    created.push(key.body.id);
    const bearer = await whoami(`Bearer ${key.body.key}`);
    assert.equal(bearer.status, 401, bearer.text);
    assert.match(bearer.headers.get('www-authenticate') ?? '', /^ApiKey/, 'the challenge names ApiKey');
  });

  it("the key's request feed records the whoami call: method, path and status", async () => {
    const key = await createKey(tenantId, { name: 'Audited', scopes: ['read:reports'] });
    assert.equal(key.status, 201, key.text);
    created.push(key.body.id);
    assert.equal((await whoami(`ApiKey ${key.body.key}`)).status, 200);
    const feed = await asPlatform('GET', `/api/v1/tenants/${tenantId}/audit/requests?keyId=${key.body.id}`);
    assert.equal(feed.status, 200, feed.text);
    assert.deepEqual(
      feed.body.items.map((row: { method: string; path: string; status: number; outcome: string }) => [
        row.method,
        row.path,
        row.status,
        row.outcome,
      ]),
      [['GET', '/api/v1/whoami', 200, 'valid']],
    );
    assert.equal(feed.body.items[0].credentialId, key.body.id);
  });

  it('up to 25 active keys: the 26th is key_limit_reached', async () => {
    const limit = config.plans.find((plan) => plan.id === 'pro')?.maxActiveKeys;
    assert.equal(limit, 25);
    while (created.length < 25) {
      const key = await createKey(tenantId, { name: `Key ${created.length + 1}`, scopes: ['read:stats'] });
      assert.equal(key.status, 201, key.text);
      created.push(key.body.id);
    }
    const over = await createKey(tenantId, { name: 'Key 26', scopes: ['read:stats'] });
    assert.equal(over.status, 409, over.text);
    assert.equal(over.body.code, 'key_limit_reached');
    const revoked = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/keys/${created.at(-1)}`);
    assert.equal(revoked.status, 200, revoked.text);
    const again = await createKey(tenantId, { name: 'Key 26', scopes: ['read:stats'] });
    assert.equal(again.status, 201, 'revoking frees a slot');
  });
});
