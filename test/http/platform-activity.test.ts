// GET /api/v1/platform/audit/activity: every tenant's rows and the platform's own, filtered and paged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { managementPermissionNames } from '../../src/core/management-permissions.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createKeyPair } from './management-support.ts';
import { assertProblem } from './support.ts';

interface PlatformRow {
  id: number;
  at: string;
  tenantId: string | null;
  actor: { type: string; id: string | null; ip: string | null };
  action: string;
  target: { type: string; id: string };
  details: Record<string, unknown>;
}
type Page = { items: PlatformRow[]; nextCursor: string | null };

const URL = '/api/v1/platform/audit/activity';
const MINUTE = 60_000;

let t: TestApp;
/** What the story below did, in order, and when. */
let tenantA: string;
let tenantB: string;
let keyId: string;
let issuedKeyId: string;
let kid: string;
let startedAt: number;
before(async () => {
  t = await startTestApp();
  await t.context.signingKeys.tick(t.clock.now());
  startedAt = t.clock.now();
  tenantA = await createTenant(t);
  t.clock.advance(MINUTE);
  const issued = await asPlatform(t, {
    method: 'POST',
    url: '/api/v1/platform/keys',
    payload: { name: 'resource server', permissions: ['verify'] },
  });
  assert.equal(issued.statusCode, 201, issued.body);
  issuedKeyId = issued.json<{ id: string }>().id;
  t.clock.advance(MINUTE);
  const revoked = await asPlatform(t, { method: 'DELETE', url: `/api/v1/platform/keys/${issuedKeyId}` });
  assert.equal(revoked.statusCode, 204, revoked.body);
  t.clock.advance(MINUTE);
  const rotated = await asPlatform(t, { method: 'POST', url: '/api/v1/platform/signing-keys/rotate' });
  assert.equal(rotated.statusCode, 200, rotated.body);
  kid = rotated.json<{ kid: string }>().kid;
  t.clock.advance(MINUTE);
  tenantB = await createTenant(t);
  keyId = (await createKey(t, tenantB)).id;
});
after(() => t.close());

const read = async (query = ''): Promise<Page> => {
  const response = await asPlatform(t, { method: 'GET', url: `${URL}${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Page>();
};
const summary = (page: Page) => page.items.map((row) => [row.action, row.tenantId, row.target.id]);
const iso = (minutes: number) => new Date(startedAt + minutes * MINUTE).toISOString();

describe('the platform activity feed', () => {
  it("shows every tenant's rows and the platform-level ones (tenantId null), newest first", async () => {
    const rows = await read();
    const keyNamed = async (name: string) =>
      (await t.store.platformKeys.list({ limit: 200 })).items.find((key) => key.name === name)?.id;
    const [testKey, verifierKey] = [await keyNamed('test'), await keyNamed('verifier')];
    assert.deepEqual(summary(rows), [
      ['key.created', tenantB, keyId],
      ['tenant.created', tenantB, tenantB],
      ['signing_key.rotated', null, kid],
      ['platform_key.revoked', null, issuedKeyId],
      ['platform_key.created', null, issuedKeyId],
      ['tenant.created', tenantA, tenantA],
      ['platform_key.created', null, verifierKey],
      ['platform_key.created', null, testKey],
    ]);
    const byAction = (action: string) => rows.items.find((row) => row.action === action);
    for (const action of ['signing_key.rotated', 'platform_key.revoked', 'tenant.created']) {
      assert.deepEqual(byAction(action)?.actor, { type: 'platform_key', id: testKey, ip: '127.0.0.1' });
    }
    assert.equal(byAction('signing_key.rotated')?.at, iso(3));
  });

  it('filters: action, tenantId, tenantId=platform, since (inclusive) and until (exclusive), together', async () => {
    assert.deepEqual(summary(await read('?action=tenant.created')), [
      ['tenant.created', tenantB, tenantB],
      ['tenant.created', tenantA, tenantA],
    ]);
    assert.deepEqual(summary(await read(`?tenantId=${tenantB}`)), [
      ['key.created', tenantB, keyId],
      ['tenant.created', tenantB, tenantB],
    ]);
    assert.deepEqual(
      summary(await read('?tenantId=platform')).map(([action, tenantId]) => [action, tenantId]),
      [
        ['signing_key.rotated', null],
        ['platform_key.revoked', null],
        ['platform_key.created', null],
        ['platform_key.created', null],
        ['platform_key.created', null],
      ],
    );
    assert.deepEqual(summary(await read(`?since=${iso(1)}&until=${iso(3)}`)), [
      ['platform_key.revoked', null, issuedKeyId],
      ['platform_key.created', null, issuedKeyId],
    ]);
    assert.deepEqual(summary(await read(`?tenantId=platform&since=${iso(1)}&action=platform_key.created`)), [
      ['platform_key.created', null, issuedKeyId],
    ]);
    assert.deepEqual((await read('?tenantId=ten_00000000000000000000')).items, []);
  });

  it('pages with limit and cursor: every row once, in the same order as one page', async () => {
    const all = summary(await read());
    const seen: unknown[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page = await read(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 3);
      seen.push(...summary(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, all);
  });

  it('a tenant credential, even with every permission, is refused with 403, and the denial is in its own feed', async () => {
    const pair = await createKeyPair(t, tenantA, managementPermissionNames);
    const response = await t.app.inject({ method: 'GET', url: URL, headers: pair.headers });
    assertProblem(response, 403, 'insufficient_scope');
    const denied = await read(`?tenantId=${tenantA}&action=access.denied`);
    assert.partialDeepStrictEqual(denied.items, [
      { tenantId: tenantA, actor: { type: 'management_key', id: pair.id }, details: { reason: 'manage' } },
    ]);
  });

  it('a platform key that may only verify is refused with 403, as a platform-level denial', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${t.verifierKey}` },
    });
    assertProblem(response, 403, 'insufficient_scope');
    const verifier = (await t.store.platformKeys.list({ limit: 200 })).items.find(
      (key) => key.name === 'verifier',
    );
    const denied = await read('?tenantId=platform&action=access.denied');
    assert.partialDeepStrictEqual(denied.items, [
      { tenantId: null, actor: { type: 'platform_key', id: verifier?.id }, details: { reason: 'manage' } },
    ]);
  });
});
