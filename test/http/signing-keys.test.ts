import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, startTestApp, type TestApp } from '../support/app.ts';
import { securityCases } from './security-cases.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  await t.context.signingKeys.tick(t.clock.now());
});
after(() => t.close());

const ROTATE = '/api/v1/platform/signing-keys/rotate';
const publishedKids = async (s: TestApp) =>
  (await s.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }))
    .json<{ keys: { kid: string }[] }>()
    .keys.map((key) => key.kid)
    .sort();

interface PlatformActivity {
  tenantId: string | null;
  actor: { type: string; id: string | null };
  target: { type: string; id: string };
  details: Record<string, unknown>;
}

interface Rotated {
  kid: string;
  activeFrom: string;
  retired: { kid: string; retiredAt: string; expiresAt: string }[];
}

describe('signing keys: happy', () => {
  it('POST rotate: a new key signs now, the old one stays published until its tokens expire', async () => {
    const before = await t.context.signingKeys.current(t.clock.now());
    const response = await asPlatform(t, { method: 'POST', url: ROTATE });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const rotated = response.json<Rotated>();
    const now = new Date(t.clock.now()).toISOString();
    assert.equal(rotated.activeFrom, now);
    assert.notEqual(rotated.kid, before.kid);
    const expiresAt = new Date(t.clock.now() + 3600_000 + 60_000).toISOString();
    assert.deepEqual(rotated.retired, [{ kid: before.kid, retiredAt: now, expiresAt }]);
    assert.equal((await t.context.signingKeys.current(t.clock.now())).kid, rotated.kid);
    assert.deepEqual(await publishedKids(t), [before.kid, rotated.kid].sort());
    assert.ok(!response.body.includes('"d"'));

    const feed = await asPlatform(t, {
      method: 'GET',
      url: '/api/v1/platform/audit/activity?action=signing_key.rotated',
    });
    assert.equal(feed.statusCode, 200, feed.body);
    const [entry] = feed.json<{ items: PlatformActivity[] }>().items;
    assert.ok(entry, 'the rotation is in the platform activity feed');
    assert.equal(entry.tenantId, null);
    assert.equal(entry.actor.type, 'platform_key');
    assert.deepEqual(entry.target, { type: 'signing_key', id: rotated.kid });
    assert.deepEqual(entry.details, { retired: [before.kid] });
  });
});

describe('signing keys: security', () => {
  securityCases(() => t, {
    method: 'POST',
    path: ROTATE,
    url: async () => ROTATE,
    okStatus: 200,
    snapshot: publishedKids,
  });
});
