import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activityOf } from './management-support.ts';
import {
  addMember,
  asBrowser,
  type Browser,
  browserOf,
  createUser,
  originOf,
  PASSWORD,
  sessionCookieOf,
  signIn,
} from './people-support.ts';
import { assertProblem } from './support.ts';

const MINUTE = 60_000;
let t: TestApp;
let tenantId: string;
let users = 0;

before(async () => {
  t = await startTestApp();
  tenantId = await createTenant(t, { plan: 'pro' });
});
after(() => t.close());

/** A new owner of the test tenant with a password, signed in. */
async function signedIn(role: 'owner' | 'viewer' = 'owner'): Promise<{ email: string; browser: Browser }> {
  const email = `person${++users}@example.com`;
  const user = await createUser(t, { email, password: PASSWORD });
  await addMember(t, tenantId, user.id, role);
  const response = await signIn(t, email, PASSWORD);
  assert.equal(response.statusCode, 200, response.body);
  return { email, browser: await browserOf(t, sessionCookieOf(response)) };
}

const keysUrl = () => `/api/v1/tenants/${tenantId}/keys`;
const readKeys = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: keysUrl(), headers });

describe('password sign-in', () => {
  it('sets a __Host- cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain; GET /session names user and roles', async () => {
    const email = `cookie${++users}@example.com`;
    const user = await createUser(t, { email, password: PASSWORD, name: 'Ann' });
    await addMember(t, tenantId, user.id, 'manager');
    const response = await signIn(t, email.toUpperCase(), PASSWORD);
    assert.equal(response.statusCode, 200, response.body);
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^__Host-portcullis_session=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split('; ').slice(1);
    assert.deepEqual(attributes.sort(), ['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax', 'Secure']);
    assert.doesNotMatch(cookie, /domain/i);
    const body = response.json();
    assert.equal(body.user.id, user.id);
    assert.equal(body.user.hasPassword, true);
    assert.equal(JSON.stringify(body).includes('argon2'), false, 'no password hash in the answer');
    assert.deepEqual(
      body.memberships.map((m: { tenantId: string; role: string }) => [m.tenantId, m.role]),
      [[tenantId, 'manager']],
    );
    assert.ok(body.memberships[0].permissions.includes('manage:members'));
    const described = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: sessionCookieOf(response) },
    });
    assert.equal(described.statusCode, 200);
    assert.equal(described.json().csrfToken, body.csrfToken);
    assert.equal(
      described.json().session.expiresAt,
      new Date(t.clock.now() + 12 * 60 * MINUTE).toISOString(),
    );
  });

  it('an unknown email, a wrong password, a disabled user and a user without a password get one answer', async () => {
    const email = `same${++users}@example.com`;
    await createUser(t, { email, password: PASSWORD });
    const passwordless = await createUser(t, { email: `nopass${users}@example.com` });
    const answers = [
      await signIn(t, `unknown${users}@example.com`, PASSWORD),
      await signIn(t, email, `${PASSWORD}!`),
      await signIn(t, `nopass${users}@example.com`, PASSWORD),
    ];
    const disabled = await createUser(t, { email: `off${users}@example.com`, password: PASSWORD });
    await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/users/${disabled.id}`,
      payload: { status: 'disabled' },
    });
    answers.push(await signIn(t, `off${users}@example.com`, PASSWORD));
    for (const answer of answers) {
      const problem = assertProblem(answer, 401, 'invalid_credential');
      assert.equal(problem.detail, 'the email or password is not right');
      assert.equal(answer.headers['set-cookie'], undefined);
      assert.match(String(answer.headers['www-authenticate']), /^Cookie realm="portcullis"/);
    }
    assert.ok(passwordless.id);
    const failures = (
      await asPlatform(t, {
        method: 'GET',
        url: '/api/v1/platform/audit/activity?action=session.sign_in_failed',
      })
    ).json().items as Array<{ details: { reason: string } }>;
    assert.deepEqual(
      new Set(failures.map((row) => row.details.reason)),
      new Set(['unknown_user', 'wrong_password', 'disabled']),
    );
  });

  it('unknown user and wrong password take similar time: one argon2id derivation each', async () => {
    const email = `timing${++users}@example.com`;
    await createUser(t, { email, password: PASSWORD });
    const time = async (who: string) => {
      const started = performance.now();
      await signIn(t, who, 'a wrong password here', { 'x-forwarded-for': '' });
      return performance.now() - started;
    };
    // Each sample from its own account, so the throttle stays out of it.
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await time(`ghost${users}-${i}@example.com`));
      wrong.push(await time(email));
    }
    // Skipping the derivation would make an unknown email some 50 times faster; noise on a busy machine
    // stays well inside a factor of 3.
    const median = (values: number[]) => values.sort((a, b) => a - b)[2] as number;
    const ratio = median(unknown) / median(wrong);
    assert.ok(ratio > 1 / 3 && ratio < 3, `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`);
  });

  it('failures are throttled per account: past the budget even the right password waits (429), then works again', async () => {
    const email = `throttle${++users}@example.com`;
    await createUser(t, { email, password: PASSWORD });
    for (let i = 0; i < 5; i++)
      assertProblem(await signIn(t, email, 'wrong password!!'), 401, 'invalid_credential');
    const refused = await signIn(t, email, PASSWORD);
    assertProblem(refused, 429, 'rate_limited');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Another account from the same address is not locked by it.
    const other = `throttle-other${users}@example.com`;
    await createUser(t, { email: other, password: PASSWORD });
    assert.equal((await signIn(t, other, PASSWORD)).statusCode, 200);
    t.clock.advance(MINUTE);
    assert.equal((await signIn(t, email, PASSWORD)).statusCode, 200);
  });

  it('failures are throttled per address too, across accounts', async () => {
    const strict = await startTestApp({ config: { security: { failedSignIn: { perIpPerMinute: 3 } } } });
    try {
      const email = 'ip-throttle@example.com';
      await createUser(strict, { email, password: PASSWORD });
      for (let i = 0; i < 3; i++) {
        assertProblem(await signIn(strict, `nobody${i}@example.com`, PASSWORD), 401, 'invalid_credential');
      }
      assertProblem(await signIn(strict, email, PASSWORD), 429, 'rate_limited');
      strict.clock.advance(MINUTE);
      assert.equal((await signIn(strict, email, PASSWORD)).statusCode, 200);
    } finally {
      await strict.close();
    }
  });

  it('a new session id at every sign-in: the one from before (fixation) is refused after it', async () => {
    const { email, browser } = await signedIn();
    const again = await signIn(t, email, PASSWORD, {
      cookie: browser.cookie,
      origin: originOf(t),
      'x-requested-with': 'XMLHttpRequest',
    });
    assert.equal(again.statusCode, 200, again.body);
    const fresh = sessionCookieOf(again);
    assert.notEqual(fresh, browser.cookie);
    assertProblem(await readKeys(browser.read), 401, 'invalid_credential');
    assert.equal((await readKeys({ cookie: fresh })).statusCode, 200);
    // A cookie value we never issued is worth nothing either.
    assertProblem(
      await readKeys({ cookie: `__Host-portcullis_session=${'x'.repeat(43)}` }),
      401,
      'invalid_credential',
    );
  });
});

describe('a session on the management API', () => {
  it('reaches its tenant with its role; another tenant is 404; a platform route 403', async () => {
    const { browser } = await signedIn('viewer');
    assert.equal((await readKeys(browser.read)).statusCode, 200);
    const write = await asBrowser(t, browser, {
      method: 'POST',
      url: keysUrl(),
      payload: { name: 'k', type: 'secret' },
    });
    assert.deepEqual(assertProblem(write, 403, 'insufficient_scope').missingScopes, ['manage:keys']);
    const other = await createTenant(t);
    assertProblem(
      await t.app.inject({ method: 'GET', url: `/api/v1/tenants/${other}/keys`, headers: browser.read }),
      404,
      'not_found',
    );
    const platform = await asBrowser(t, browser, {
      method: 'POST',
      url: '/api/v1/tenants',
      payload: { name: 'x' },
    });
    assert.deepEqual(assertProblem(platform, 403, 'insufficient_scope').missingScopes, ['manage']);
  });

  it('sign-out ends the session server-side: the cookie replayed is 401', async () => {
    const { browser } = await signedIn();
    const out = await asBrowser(t, browser, { method: 'DELETE', url: '/api/v1/session' });
    assert.equal(out.statusCode, 204, out.body);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    const replay = await readKeys(browser.read);
    assertProblem(replay, 401, 'invalid_credential');
    assert.match(String(replay.headers['set-cookie']), /^__Host-portcullis_session=; .*Max-Age=0/);
    assertProblem(
      await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: browser.read }),
      401,
      'invalid_credential',
    );
  });

  it('sign out everywhere ends every session of the user', async () => {
    const { email, browser } = await signedIn();
    const second = await browserOf(t, sessionCookieOf(await signIn(t, email, PASSWORD)));
    const listed = await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/sessions' });
    assert.equal(listed.json().items.length, 2);
    const ended = await asBrowser(t, browser, { method: 'DELETE', url: '/api/v1/me/sessions' });
    assert.deepEqual(ended.json(), { ended: 2 });
    assertProblem(await readKeys(browser.read), 401, 'invalid_credential');
    assertProblem(await readKeys(second.read), 401, 'invalid_credential');
  });

  it('idle timeout (30 min) and absolute lifetime (12 h) on the clock', async () => {
    const { browser } = await signedIn();
    // Used every 29 minutes, it lives on...
    for (let i = 0; i < 5; i++) {
      t.clock.advance(29 * MINUTE);
      assert.equal((await readKeys(browser.read)).statusCode, 200, `at step ${i}`);
    }
    // ...until it sits idle for 30.
    t.clock.advance(30 * MINUTE);
    assertProblem(await readKeys(browser.read), 401, 'invalid_credential');

    const { browser: busy } = await signedIn();
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      assert.equal((await readKeys(busy.read)).statusCode, 200);
    }
    t.clock.advance(20 * MINUTE);
    assertProblem(await readKeys(busy.read), 401, 'invalid_credential');
  });

  it('disabling the user, or removing the membership, ends access at once', async () => {
    const { browser } = await signedIn();
    const user = browser.userId;
    await asPlatform(t, { method: 'DELETE', url: `/api/v1/tenants/${tenantId}/members/${user}` });
    assertProblem(await readKeys(browser.read), 404, 'not_found');
    await addMember(t, tenantId, user, 'owner');
    assert.equal((await readKeys(browser.read)).statusCode, 200);
    await asPlatform(t, { method: 'PATCH', url: `/api/v1/users/${user}`, payload: { status: 'disabled' } });
    assertProblem(await readKeys(browser.read), 401, 'invalid_credential');
    const rows = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/platform/audit/activity?action=session.ended_by_admin`,
    });
    assert.ok(rows.json().items.some((row: { target: { id: string } }) => row.target.id === user));
  });
});

describe('CSRF: a state-changing request with the session cookie', () => {
  const create = (headers: Record<string, string>, payload: unknown = { name: 'k', type: 'secret' }) =>
    t.app.inject({ method: 'POST', url: keysUrl(), headers, payload: payload as object });

  it('passes with same origin, X-Requested-With and the CSRF token', async () => {
    const { browser } = await signedIn();
    assert.equal((await create(browser.write)).statusCode, 201);
    const { origin: _origin, ...withoutOrigin } = browser.write;
    assert.equal((await create({ ...withoutOrigin, 'sec-fetch-site': 'same-origin' })).statusCode, 201);
  });

  it('is refused 403 csrf_refused when cross-site, without the headers, with a form body, or without the token', async () => {
    const { browser } = await signedIn();
    const { origin: _origin, ...withoutOrigin } = browser.write;
    const { 'x-requested-with': _xrw, ...withoutXrw } = browser.write;
    const { 'x-csrf-token': _token, ...withoutToken } = browser.write;
    const cases: Array<[string, Record<string, string>]> = [
      ['no Origin nor Sec-Fetch-Site', withoutOrigin],
      ['another origin', { ...browser.write, origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { ...browser.write, 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { ...withoutOrigin, 'sec-fetch-site': 'same-site' }],
      ['no X-Requested-With', withoutXrw],
      ['no X-CSRF-Token', withoutToken],
      ['a wrong X-CSRF-Token', { ...browser.write, 'x-csrf-token': 'A'.repeat(43) }],
    ];
    for (const [what, headers] of cases) {
      const refused = await create(headers);
      assert.equal(refused.statusCode, 403, what);
      assertProblem(refused, 403, 'csrf_refused');
    }
    const form = await t.app.inject({
      method: 'POST',
      url: keysUrl(),
      headers: { ...browser.write, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=k&type=secret',
    });
    assertProblem(form, 403, 'csrf_refused');
    // Nothing was created by any of them.
    const keys = (await readKeys(browser.read)).json().items as unknown[];
    assert.ok(Array.isArray(keys));
    // Sign-out is a state change too.
    assertProblem(
      await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: withoutToken }),
      403,
      'csrf_refused',
    );
    // Reads need none of it.
    assert.equal((await readKeys(browser.read)).statusCode, 200);
  });

  it('a sign-in posted from another origin is refused', async () => {
    const email = `cross${++users}@example.com`;
    await createUser(t, { email, password: PASSWORD });
    assertProblem(await signIn(t, email, PASSWORD, { origin: 'https://evil.example' }), 403, 'csrf_refused');
  });

  it('an explicit credential is used as is, whatever cookie rides along', async () => {
    const { browser } = await signedIn('viewer');
    const response = await t.app.inject({
      method: 'POST',
      url: keysUrl(),
      headers: { cookie: browser.cookie, authorization: `Bearer ${t.platformKey}` },
      payload: { name: 'k', type: 'secret' },
    });
    assert.equal(response.statusCode, 201);
  });
});

describe('audit of sessions', () => {
  it('sign-in and sign-out rows carry the actor, the address and the user agent', async () => {
    const email = `audit${++users}@example.com`;
    const user = await createUser(t, { email, password: PASSWORD });
    const response = await signIn(t, email, PASSWORD, { 'user-agent': 'AuditBrowser/1.0' });
    const browser = await browserOf(t, sessionCookieOf(response));
    await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { ...browser.write, 'user-agent': 'AuditBrowser/1.0' },
    });
    const rows = (
      await asPlatform(t, {
        method: 'GET',
        url: '/api/v1/platform/audit/activity?tenantId=platform&limit=50',
      })
    )
      .json()
      .items.filter((row: { actor: { id: string } }) => row.actor.id === user.id);
    const actions = rows.map((row: { action: string }) => row.action);
    assert.ok(
      actions.includes('session.signed_in') && actions.includes('session.signed_out'),
      actions.join(),
    );
    for (const row of rows) {
      assert.equal(row.actor.type, 'user');
      assert.equal(row.actor.ip, '127.0.0.1');
      assert.equal(row.details.userAgent, 'AuditBrowser/1.0');
    }
    assert.ok((await activityOf(t, tenantId)).length > 0);
  });
});
