import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/core/roles.ts';
import { asPlatform, type TestApp } from '../support/app.ts';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in browser: its cookie, and the headers the console sends with a state-changing request. */
export interface Browser {
  cookie: string;
  secret: string;
  csrfToken: string;
  userId: string;
  /** Cookie only: what a GET sends. */
  read: Record<string, string>;
  /** Cookie, same origin, `X-Requested-With` and the CSRF token: what a state-changing request sends. */
  write: Record<string, string>;
}

export function originOf(t: TestApp): string {
  return new URL(t.context.oauth.issuer).origin;
}

/** The session cookie a response set, as a `Cookie` header value. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie']]
    .flat()
    .find((value) => value?.startsWith('__Host-portcullis_session='));
  if (!header) throw new Error(`no session cookie set: ${response.statusCode} ${response.body}`);
  return header.split(';')[0] as string;
}

export async function browserOf(t: TestApp, cookie: string): Promise<Browser> {
  const described = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  if (described.statusCode !== 200) throw new Error(`session read failed: ${described.body}`);
  const { csrfToken, user } = described.json<{ csrfToken: string; user: { id: string } }>();
  return {
    cookie,
    secret: cookie.split('=')[1] as string,
    csrfToken,
    userId: user.id,
    read: { cookie },
    write: {
      cookie,
      origin: originOf(t),
      'x-requested-with': 'XMLHttpRequest',
      'x-csrf-token': csrfToken,
    },
  };
}

export async function createUser(
  t: TestApp,
  body: { email: string; name?: string; password?: string; externalId?: string },
): Promise<{ id: string; email: string }> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: '/api/v1/users',
    payload: { name: 'Someone', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`user create failed: ${response.body}`);
  return response.json();
}

export async function addMember(t: TestApp, tenantId: string, userId: string, role: Role): Promise<void> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: `/api/v1/tenants/${tenantId}/members`,
    payload: { userId, role },
  });
  if (response.statusCode !== 201) throw new Error(`member add failed: ${response.body}`);
}

let handoffs = 0;

/** Signs a new user in through the platform's hand-off, as a member of `tenantId` with `role`. */
export async function handoffBrowser(
  t: TestApp,
  tenantId: string,
  role: Role,
  externalId = `ext-${++handoffs}-${Math.random().toString(36).slice(2)}`,
): Promise<Browser> {
  const created = await asPlatform(t, {
    method: 'POST',
    url: `/api/v1/tenants/${tenantId}/console-sessions`,
    payload: { user: { externalId, email: `${externalId}@example.com`, name: 'Operator' }, role },
  });
  if (created.statusCode !== 201) throw new Error(`hand-off failed: ${created.body}`);
  const opened = await t.app.inject({
    method: 'GET',
    url: new URL(created.json<{ url: string }>().url).pathname,
  });
  if (opened.statusCode !== 303) throw new Error(`hand-off open failed: ${opened.statusCode} ${opened.body}`);
  return browserOf(t, sessionCookieOf(opened));
}

/** Signs in with a password; the response and, on success, the browser. */
export async function signIn(
  t: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/v1/session', headers, payload: { email, password } });
}

export function asBrowser(
  t: TestApp,
  browser: Browser,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  const safe = ['GET', 'HEAD'].includes(String(options.method ?? 'GET'));
  return t.app.inject({
    ...options,
    headers: { ...(safe ? browser.read : browser.write), ...options.headers },
  });
}
