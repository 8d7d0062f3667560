import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { createTenant, type TestApp } from '../support/app.ts';
import { type CreatedClient, createApp, createClient } from './clients-support.ts';
import { OAUTH, postForm } from './oauth-support.ts';
import { type Browser, handoffBrowser, originOf } from './people-support.ts';

export const AUTHORIZE = `${OAUTH}/authorize`;
export const REDIRECT = 'https://app.example.com/callback';
export const LOOPBACK = 'http://127.0.0.1/callback';
export const RESOURCE = 'https://api.example.com';

/** A test app whose platform has one resource server. */
export const AUTHORIZATION_CONFIG = { oauth: { resourceServers: [{ audience: RESOURCE }] } };

/** A PKCE pair (RFC 7636): a 43-character verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A tenant with an owner signed in, a confidential app with two redirect URIs and a client of it. */
export interface Installable {
  tenantId: string;
  owner: Browser;
  client: CreatedClient;
}

export async function installable(
  t: TestApp,
  options: { plan?: string; scopes?: string[] } = {},
): Promise<Installable> {
  const tenantId = await createTenant(t, options.plan ? { plan: options.plan } : {});
  const app = await createApp(t, tenantId, {
    name: 'Booking Sync',
    redirectUris: [REDIRECT, LOOPBACK],
    logoUrl: 'https://cdn.example.com/logo.png',
    homepageUrl: 'https://sync.example.com',
  });
  const client = await createClient(t, tenantId, {
    appId: app.id,
    scopes: options.scopes ?? ['bookings:read', 'events:read'],
  });
  const owner = await handoffBrowser(t, tenantId, 'owner');
  return { tenantId, owner, client };
}

/** Authorization request parameters: a valid request unless overridden (`undefined` drops a parameter). */
export function authorizeQuery(
  clientId: string,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): string {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    state: 'xyz-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'bookings:read',
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.append(name, value);
  return `${AUTHORIZE}?${search}`;
}

export function getAuthorize(t: TestApp, url: string, browser?: Browser): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: browser ? browser.read : {} });
}

/** The consent form's fields, read back from the page as a browser would submit them. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const unescapeHtml = (text: string) =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  for (const match of html.matchAll(
    /<input type="(?:hidden|radio)" name="([^"]+)" value="([^"]*)"([^>]*)>/g,
  )) {
    const [, name, value, rest] = match as unknown as [string, string, string, string];
    if (name === 'tenant_id' && fields.tenant_id !== undefined && !rest.includes('checked')) continue;
    fields[unescapeHtml(name)] = unescapeHtml(value);
  }
  return fields;
}

/** Posts the consent form as the browser would: form body, same-origin `Origin`, the session cookie. */
export function postDecision(
  t: TestApp,
  browser: Browser,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: originOf(t) },
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: AUTHORIZE,
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** The parameters of a redirect back to the client. */
export function redirectParams(response: LightMyRequestResponse): URLSearchParams {
  const location = response.headers.location;
  if (response.statusCode !== 303 || typeof location !== 'string') {
    throw new Error(`expected a 303 redirect: ${response.statusCode} ${response.body}`);
  }
  return new URL(location).searchParams;
}

/** Runs the flow through the consent screen and answers the code. */
export async function approve(
  t: TestApp,
  setup: Installable,
  verifier: { challenge: string },
  overrides: Record<string, string | undefined> = {},
): Promise<string> {
  const page = await getAuthorize(
    t,
    authorizeQuery(setup.client.id, verifier.challenge, overrides),
    setup.owner,
  );
  if (page.statusCode !== 200) throw new Error(`consent page: ${page.statusCode} ${page.body}`);
  const answer = await postDecision(t, setup.owner, { ...formFields(page.body), decision: 'approve' });
  const code = redirectParams(answer).get('code');
  if (!code) throw new Error(`no code: ${answer.headers.location}`);
  return code;
}

/** Redeems a code at the token endpoint with the client's secret. */
export function redeem(
  t: TestApp,
  setup: Installable,
  code: string,
  verifier: string,
  overrides: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return postForm(
    t,
    'token',
    { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, ...overrides },
    { basic: { client_id: setup.client.client_id, client_secret: setup.client.client_secret } },
  );
}
