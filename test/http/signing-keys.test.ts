import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityRecord } from '../../src/store/index.ts';
import { asPlatform, startTestApp, type TestApp } from '../support/app.ts';
import { securityCases } from './security-cases.ts';

let t: TestApp;
const activity: ActivityRecord[] = [];
before(async () => {
  t = await startTestApp();
  await t.context.signingKeys.tick(t.clock.now());
  // There is no platform-wide activity listing yet: watch what the feed is given.
  const append = t.store.activityLog.append.bind(t.store.activityLog);
  t.store.activityLog.append = async (record) => {
    activity.push(record);
    await append(record);
  };
});
after(() => t.close());

const ROTATE = '/api/v1/platform/signing-keys/rotate';
const publishedKids = async (s: TestApp) =>
  (await s.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }))
    .json<{ keys: { kid: string }[] }>()
    .keys.map((key) => key.kid)
    .sort();

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

    const entry = activity.find((record) => record.action === 'signing_key.rotated');
    assert.ok(entry, 'the rotation is in the activity feed');
    assert.equal(entry.tenantId, null);
    assert.equal(entry.actorType, 'platform_key');
    assert.equal(entry.targetType, 'signing_key');
    assert.equal(entry.targetId, rotated.kid);
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
