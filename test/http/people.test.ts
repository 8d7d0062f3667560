import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activityOf, createKeyPair } from './management-support.ts';
import {
  addMember,
  asBrowser,
  browserOf,
  createUser,
  handoffBrowser,
  originOf,
  PASSWORD,
  sessionCookieOf,
  signIn,
} from './people-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
let tenantId: string;
let counter = 0;
const unique = (label: string) => `${label}${++counter}`;

before(async () => {
  t = await startTestApp();
  tenantId = await createTenant(t, { plan: 'pro' });
});
after(() => t.close());

const membersUrl = (tenant = tenantId) => `/api/v1/tenants/${tenant}/members`;

describe('users (platform key)', () => {
  it('create, get with memberships, list by email, patch; the password never shows', async () => {
    const created = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'Dana@Example.com', name: 'Dana', password: PASSWORD, externalId: 'plat-1' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const user = created.json();
    assert.equal(user.email, 'dana@example.com');
    assert.equal(user.hasPassword, true);
    assert.equal(created.body.includes(PASSWORD), false);
    assert.equal(created.body.includes('argon2'), false);
    await addMember(t, tenantId, user.id, 'viewer');
    const got = await asPlatform(t, { method: 'GET', url: `/api/v1/users/${user.id}` });
    assert.deepEqual(
      got.json().memberships.map((m: { tenantId: string; role: string }) => [m.tenantId, m.role]),
      [[tenantId, 'viewer']],
    );
    const listed = await asPlatform(t, { method: 'GET', url: '/api/v1/users?email=DANA@example.com' });
    assert.deepEqual(
      listed.json().items.map((item: { id: string }) => item.id),
      [user.id],
    );
    const patched = await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { name: 'Dana B', password: null },
    });
    assert.equal(patched.json().hasPassword, false);
    assertProblem(await signIn(t, 'dana@example.com', PASSWORD), 401, 'invalid_credential');
  });

  it('duplicate email or externalId is 409; a short password 422; an unknown user 404', async () => {
    await createUser(t, { email: 'dup@example.com', externalId: 'dup-1' });
    for (const payload of [
      { email: 'DUP@example.com', name: 'x' },
      { email: 'other@example.com', name: 'x', externalId: 'dup-1' },
    ]) {
      assertProblem(await asPlatform(t, { method: 'POST', url: '/api/v1/users', payload }), 409, 'conflict');
    }
    assertProblem(
      await asPlatform(t, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'short@example.com', name: 'x', password: 'short' },
      }),
      422,
      'validation_failed',
    );
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/users/usr_00000000000000000000' }),
      404,
      'not_found',
    );
  });
});

describe('members and roles', () => {
  it('an owner adds, re-roles and removes members; each change is in the tenant feed', async () => {
    const owner = await handoffBrowser(t, tenantId, 'owner');
    const user = await createUser(t, { email: `${unique('m')}@example.com` });
    const added = await asBrowser(t, owner, {
      method: 'POST',
      url: membersUrl(),
      payload: { userId: user.id, role: 'developer' },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().role, 'developer');
    assertProblem(
      await asBrowser(t, owner, {
        method: 'POST',
        url: membersUrl(),
        payload: { userId: user.id, role: 'viewer' },
      }),
      409,
      'conflict',
    );
    const changed = await asBrowser(t, owner, {
      method: 'PATCH',
      url: `${membersUrl()}/${user.id}`,
      payload: { role: 'manager' },
    });
    assert.equal(changed.json().role, 'manager');
    const removed = await asBrowser(t, owner, { method: 'DELETE', url: `${membersUrl()}/${user.id}` });
    assert.equal(removed.statusCode, 204);
    const actions = (await activityOf(t, tenantId))
      .filter((row) => row.target.id === user.id)
      .map((row) => [row.action, row.actor.type]);
    assert.deepEqual(actions, [
      ['member.removed', 'user'],
      ['membership.role_changed', 'user'],
      ['member.added', 'user'],
    ]);
  });

  it('a manager manages members below owner, never an owner; a developer or viewer manages none', async () => {
    const manager = await handoffBrowser(t, tenantId, 'manager');
    const owner = await createUser(t, { email: `${unique('o')}@example.com` });
    await addMember(t, tenantId, owner.id, 'owner');
    const newcomer = await createUser(t, { email: `${unique('n')}@example.com` });
    const asOwner = await asBrowser(t, manager, {
      method: 'POST',
      url: membersUrl(),
      payload: { userId: newcomer.id, role: 'owner' },
    });
    assertProblem(asOwner, 403, 'insufficient_scope');
    const asManager = await asBrowser(t, manager, {
      method: 'POST',
      url: membersUrl(),
      payload: { userId: newcomer.id, role: 'manager' },
    });
    assert.equal(asManager.statusCode, 201, asManager.body);
    assertProblem(
      await asBrowser(t, manager, { method: 'DELETE', url: `${membersUrl()}/${owner.id}` }),
      403,
      'insufficient_scope',
    );
    assertProblem(
      await asBrowser(t, manager, {
        method: 'PATCH',
        url: `${membersUrl()}/${owner.id}`,
        payload: { role: 'viewer' },
      }),
      403,
      'insufficient_scope',
    );
    for (const role of ['developer', 'viewer'] as const) {
      const browser = await handoffBrowser(t, tenantId, role);
      assert.equal((await asBrowser(t, browser, { method: 'GET', url: membersUrl() })).statusCode, 200);
      const refused = await asBrowser(t, browser, {
        method: 'DELETE',
        url: `${membersUrl()}/${newcomer.id}`,
      });
      assert.deepEqual(assertProblem(refused, 403, 'insufficient_scope').missingScopes, ['manage:members']);
    }
  });

  it('a developer reads live keys but manages test-mode keys only', async () => {
    const developer = await handoffBrowser(t, tenantId, 'developer');
    const live = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/keys`,
      payload: { name: 'live', type: 'secret' },
    });
    const keysUrl = `/api/v1/tenants/${tenantId}/keys`;
    const listed = await asBrowser(t, developer, { method: 'GET', url: keysUrl });
    assert.ok(listed.json().items.some((key: { id: string }) => key.id === live.json().id));
    assertProblem(
      await asBrowser(t, developer, { method: 'DELETE', url: `${keysUrl}/${live.json().id}` }),
      403,
      'insufficient_scope',
    );
    assertProblem(
      await asBrowser(t, developer, {
        method: 'POST',
        url: keysUrl,
        payload: { name: 'x', type: 'secret', mode: 'live' },
      }),
      403,
      'insufficient_scope',
    );
    const created = await asBrowser(t, developer, {
      method: 'POST',
      url: keysUrl,
      payload: { name: 'x', type: 'secret' },
    });
    assert.equal(created.json().mode, 'test');
    const revoked = await asBrowser(t, developer, {
      method: 'DELETE',
      url: `${keysUrl}/${created.json().id}`,
    });
    assert.equal(revoked.json().status, 'revoked');
    // Apps, clients and management keys: read, not changed.
    assert.equal(
      (await asBrowser(t, developer, { method: 'GET', url: `/api/v1/tenants/${tenantId}/apps` })).statusCode,
      200,
    );
    assertProblem(
      await asBrowser(t, developer, {
        method: 'POST',
        url: `/api/v1/tenants/${tenantId}/apps`,
        payload: { name: 'a' },
      }),
      403,
      'insufficient_scope',
    );
  });

  it('the last owner can be neither removed nor demoted', async () => {
    const lonely = await createTenant(t);
    const owner = await handoffBrowser(t, lonely, 'owner');
    assertProblem(
      await asBrowser(t, owner, { method: 'DELETE', url: `${membersUrl(lonely)}/${owner.userId}` }),
      409,
      'conflict',
    );
    assertProblem(
      await asBrowser(t, owner, {
        method: 'PATCH',
        url: `${membersUrl(lonely)}/${owner.userId}`,
        payload: { role: 'viewer' },
      }),
      409,
      'conflict',
    );
  });

  it('a key pair with manage:members adds members only with roles whose permissions it holds', async () => {
    const pair = await createKeyPair(t, tenantId, ['manage:members', 'read:tenant', 'read:audit']);
    const user = await createUser(t, { email: `${unique('p')}@example.com` });
    const asManager = await t.app.inject({
      method: 'POST',
      url: membersUrl(),
      headers: pair.headers,
      payload: { userId: user.id, role: 'manager' },
    });
    assertProblem(asManager, 403, 'insufficient_scope');
    const asViewer = await t.app.inject({
      method: 'POST',
      url: membersUrl(),
      headers: pair.headers,
      payload: { userId: user.id, role: 'viewer' },
    });
    assert.equal(asViewer.statusCode, 201, asViewer.body);
  });
});

describe("the platform's hand-off", () => {
  const handoff = (payload: object, tenant = tenantId) =>
    asPlatform(t, { method: 'POST', url: `/api/v1/tenants/${tenant}/console-sessions`, payload });

  it('creates the user by externalId with the membership; the URL opens once, within 60 s, with a 303 into /console', async () => {
    const externalId = unique('ext');
    const created = await handoff({
      user: { externalId, email: `${externalId}@example.com`, name: 'Op' },
      role: 'manager',
    });
    assert.equal(created.statusCode, 201, created.body);
    const { url, expiresAt, userId } = created.json();
    assert.equal(Date.parse(expiresAt) - t.clock.now(), 60_000);
    assert.ok(url.startsWith(`${originOf(t)}/api/v1/console-sessions/`));
    const opened = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/console?workspace=${tenantId}`);
    const browser = await browserOf(t, sessionCookieOf(opened));
    assert.equal(browser.userId, userId);
    const described = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: browser.read });
    assert.equal(described.json().memberships[0].role, 'manager');
    // Single use.
    assertProblem(await t.app.inject({ method: 'GET', url: new URL(url).pathname }), 404, 'not_found');
    // The same externalId again links the same user (and changes the role).
    const again = await handoff({
      user: { externalId, email: `${externalId}@example.com`, name: 'Op' },
      role: 'viewer',
    });
    assert.equal(again.json().userId, userId);
    const rows = (await activityOf(t, tenantId)).filter(
      (row) => row.target.id === userId || row.details.role,
    );
    assert.ok(rows.some((row) => row.action === 'console_session.created'));
    assert.ok(rows.some((row) => row.action === 'console_session.used'));
    assert.ok(rows.some((row) => row.action === 'membership.role_changed'));
  });

  it('past 60 s the URL is refused', async () => {
    const externalId = unique('late');
    const created = await handoff({
      user: { externalId, email: `${externalId}@example.com`, name: 'Op' },
      role: 'viewer',
    });
    t.clock.advance(60_001);
    assertProblem(
      await t.app.inject({ method: 'GET', url: new URL(created.json().url).pathname }),
      404,
      'not_found',
    );
  });

  it('an email of a user the platform has not linked is 409; a session or tenant credential cannot hand off', async () => {
    await createUser(t, { email: 'taken@example.com', password: PASSWORD });
    assertProblem(
      await handoff({
        user: { externalId: unique('x'), email: 'taken@example.com', name: 'Op' },
        role: 'owner',
      }),
      409,
      'conflict',
    );
    const owner = await handoffBrowser(t, tenantId, 'owner');
    const refused = await asBrowser(t, owner, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/console-sessions`,
      payload: { user: { externalId: unique('y'), email: 'y@example.com', name: 'Y' }, role: 'owner' },
    });
    assert.deepEqual(assertProblem(refused, 403, 'insufficient_scope').missingScopes, ['manage']);
  });
});

describe('invitations', () => {
  const invite = (owner: Awaited<ReturnType<typeof handoffBrowser>>, email: string, role = 'developer') =>
    asBrowser(t, owner, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/invitations`,
      payload: { email, role },
    });
  const accept = (payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', headers, payload });

  it('a single-use link, token shown once and hashed, that creates the user and signs them in', async () => {
    const owner = await handoffBrowser(t, tenantId, 'owner');
    const email = `${unique('new')}@example.com`;
    const created = await invite(owner, email);
    assert.equal(created.statusCode, 201, created.body);
    const { token, url, expiresAt, id } = created.json();
    assert.equal(Date.parse(expiresAt) - t.clock.now(), 7 * 86_400_000);
    assert.ok(url.endsWith(`#${token}`));
    const listed = await asBrowser(t, owner, {
      method: 'GET',
      url: `/api/v1/tenants/${tenantId}/invitations`,
    });
    assert.equal(listed.body.includes(token), false);
    assert.equal(listed.json().items[0].status, 'pending');
    const accepted = await accept({ token, name: 'New Person', password: PASSWORD });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().signedIn, true);
    const browser = await browserOf(t, sessionCookieOf(accepted));
    const described = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: browser.read });
    assert.equal(described.json().user.email, email);
    assert.equal(described.json().memberships[0].role, 'developer');
    assert.equal((await signIn(t, email, PASSWORD)).statusCode, 200);
    assertProblem(await accept({ token, name: 'Again', password: PASSWORD }), 404, 'not_found');
    const actions = (await activityOf(t, tenantId))
      .filter((row) => row.target.id === id)
      .map((row) => row.action);
    assert.deepEqual(actions, ['invitation.accepted', 'invitation.created']);
  });

  it('an existing user accepts only signed in as themselves or with their password', async () => {
    const owner = await handoffBrowser(t, tenantId, 'owner');
    const email = `${unique('old')}@example.com`;
    await createUser(t, { email, password: PASSWORD });
    const { token } = (await invite(owner, email, 'viewer')).json();
    // The link alone (the inviter has it too) is not enough.
    assertProblem(await accept({ token }), 401, 'invalid_credential');
    assertProblem(await accept({ token, password: 'not their password' }), 401, 'invalid_credential');
    const signed = await browserOf(t, sessionCookieOf(await signIn(t, email, PASSWORD)));
    const accepted = await accept({ token }, signed.write);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().signedIn, false);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/v1/tenants/${tenantId}/keys`, headers: signed.read }))
        .statusCode,
      200,
    );
  });

  it('expires after 7 days; can be revoked; a viewer cannot invite', async () => {
    const owner = await handoffBrowser(t, tenantId, 'owner');
    const late = (await invite(owner, `${unique('late')}@example.com`)).json();
    const revoked = (await invite(owner, `${unique('rev')}@example.com`)).json();
    const revoke = await asBrowser(t, owner, {
      method: 'DELETE',
      url: `/api/v1/tenants/${tenantId}/invitations/${revoked.id}`,
    });
    assert.equal(revoke.json().status, 'revoked');
    assertProblem(await accept({ token: revoked.token, password: PASSWORD }), 404, 'not_found');
    t.clock.advance(7 * 86_400_000);
    assertProblem(await accept({ token: late.token, password: PASSWORD }), 404, 'not_found');
    const viewer = await handoffBrowser(t, tenantId, 'viewer');
    assertProblem(await invite(viewer, 'x@example.com'), 403, 'insufficient_scope');
  });
});
