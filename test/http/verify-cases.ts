import { defaultAudience, issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { asPlatform, createKey, createTenant, type TestApp, verify } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { patchTenant, tokenFor } from './oauth-support.ts';
import { keysUrl, mistyped, unknownKey } from './support.ts';

/** A body sent with `transfer-encoding: chunked`: `head`, then `filler` `count` times, then `tail`. */
export interface StreamedBody {
  head: string;
  filler: Buffer;
  count: number;
  tail?: string;
}

/** One request to `POST /api/v1/verify`, sent as it is through each entry point. */
export interface VerifyRequest {
  headers: Record<string, string>;
  body: string | StreamedBody;
}

/** What a case sends, and what both entry points must answer. */
export interface Arranged {
  request: VerifyRequest;
  status: number;
  /** The answer's JSON must contain this (a partial deep match). */
  body: Record<string, unknown>;
  /** Headers the answer must carry besides the security headers every answer has. */
  headers?: Record<string, RegExp>;
  /** Strings that must appear nowhere in the answer; the caller's own credential always is one. */
  secrets?: string[];
}

/** One case: builds what it needs on the app, once, and says what to send and what must come back. */
export interface VerifyCase {
  name: string;
  arrange(t: TestApp): Promise<Arranged>;
}

/**
 * A request from the verify-only platform key with a JSON body; `headers` add to or replace the defaults, and
 * an undefined one is left out.
 */
export function request(
  t: TestApp,
  body: string | StreamedBody | Record<string, unknown>,
  headers: Record<string, string | undefined> = {},
): VerifyRequest {
  const all = { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json', ...headers };
  const sent = Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const bytes = typeof body === 'string' || 'filler' in body ? body : JSON.stringify(body);
  return { headers: Object.fromEntries(sent), body: bytes as string | StreamedBody };
}

export const problem = (status: number, code: string) => ({ status, body: { status, code } });
const refused = (code: string, identity: Record<string, unknown> = {}) => ({
  status: 200,
  body: { valid: false, code, ...identity },
});

/** A restricted key (`bookings:read` unless `body` says otherwise) of a new tenant on `plan`. */
export async function tenantKey(t: TestApp, plan: string, body: Record<string, unknown> = {}) {
  const tenantId = await createTenant(t, { plan });
  const created = await createKey(t, tenantId, { type: 'restricted', scopes: ['bookings:read'], ...body });
  const identity = { credentialType: 'api_key', tenantId, keyId: created.id };
  return { ...created, tenantId, identity };
}

/** A token for a new client of a new tenant on the pro plan. */
async function clientToken(t: TestApp) {
  const tenantId = await createTenant(t, { plan: 'pro' });
  const client = await createClient(t, tenantId, { scopes: ['bookings:read'] });
  return { tenantId, client, token: await tokenFor(t, client) };
}

/** Each outcome of verifying a credential: valid, and every refusal code. */
export const outcomeCases: VerifyCase[] = [
  {
    name: 'a valid API key → valid, with its tenant, key, type, effective scopes and rate limit',
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'pro');
      const ratelimit = { limit: 600, resetSeconds: 1 };
      const body = { valid: true, ...identity, mode: 'live', type: 'restricted', scopes: ['bookings:read'] };
      return {
        request: request(t, { key, scopes: ['bookings:read'] }),
        status: 200,
        body: { ...body, ratelimit },
      };
    },
  },
  {
    name: "a valid API key with meta, an external id and its own rate → valid, with them and the key's rate",
    async arrange(t) {
      const meta = { customer: 'Acme "quoted"', seats: 3, nested: { on: true } };
      const { key, identity } = await tenantKey(t, 'pro', {
        meta,
        externalId: 'cus_\u2028x',
        rateLimit: { requestsPerMinute: 7 },
      });
      return {
        request: request(t, { key }),
        status: 200,
        body: { valid: true, ...identity, meta, externalId: 'cus_\u2028x', ratelimit: { limit: 7 } },
      };
    },
  },
  {
    name: 'a key changed by PATCH → the next answer has its new scopes and meta',
    async arrange(t) {
      const { key, id, tenantId, identity } = await tenantKey(t, 'pro');
      // Cached before the change: the change must reach the caches.
      if ((await verify(t, { key })).valid !== true) throw new Error('not valid before the change');
      const changed = await asPlatform(t, {
        method: 'PATCH',
        url: `${keysUrl(tenantId)}/${id}`,
        payload: { scopes: ['bookings:read', 'bookings:write'], meta: { v: 2 } },
      });
      if (changed.statusCode !== 200) throw new Error(`patch failed: ${changed.body}`);
      return {
        request: request(t, { key, scopes: ['bookings:write'] }),
        status: 200,
        body: { valid: true, ...identity, scopes: ['bookings:read', 'bookings:write'], meta: { v: 2 } },
      };
    },
  },
  {
    name: 'a valid access token → valid, with its tenant, client and scopes',
    async arrange(t) {
      const { tenantId, client, token } = await clientToken(t);
      const body = {
        valid: true,
        credentialType: 'access_token',
        tenantId,
        clientId: client.id,
        mode: 'live',
      };
      return {
        request: request(t, { key: token }),
        status: 200,
        body: { ...body, scopes: ['bookings:read'] },
      };
    },
  },
  {
    name: 'a mistyped key → malformed, without a lookup',
    async arrange(t) {
      const { key } = await tenantKey(t, 'free');
      return { request: request(t, { key: mistyped(key) }), ...refused('malformed'), secrets: [key] };
    },
  },
  {
    name: 'a well-formed key no one issued → not_found',
    arrange: async (t) => ({ request: request(t, { key: unknownKey('sk') }), ...refused('not_found') }),
  },
  {
    name: 'a revoked key → revoked',
    async arrange(t) {
      const { id, key, tenantId, identity } = await tenantKey(t, 'free');
      await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${id}` });
      return { request: request(t, { key }), ...refused('revoked', identity) };
    },
  },
  {
    name: "a rolled key's old secret within the grace period → valid, once the clock passes it → rolled",
    async arrange(t) {
      const { id, key, tenantId, identity } = await tenantKey(t, 'free');
      const rolled = await asPlatform(t, {
        method: 'POST',
        url: `${keysUrl(tenantId)}/${id}/roll`,
        payload: { gracePeriodSeconds: 60 },
      });
      if (rolled.statusCode !== 200) throw new Error(`roll failed: ${rolled.body}`);
      t.clock.advance(59_999);
      if ((await verify(t, { key })).valid !== true) throw new Error('refused within the grace period');
      t.clock.advance(1);
      return { request: request(t, { key }), ...refused('rolled', identity) };
    },
  },
  {
    name: 'a key once the clock passes its expiresAt → expired',
    async arrange(t) {
      const expiresAt = new Date(t.clock.now() + 1000).toISOString();
      const { key, identity } = await tenantKey(t, 'free', { expiresAt });
      t.clock.advance(1000);
      return { request: request(t, { key }), ...refused('expired', identity) };
    },
  },
  {
    name: 'a key of a suspended tenant → tenant_suspended',
    async arrange(t) {
      const { key, tenantId, identity } = await tenantKey(t, 'free');
      await patchTenant(t, tenantId, { status: 'suspended' });
      return { request: request(t, { key }), ...refused('tenant_suspended', identity) };
    },
  },
  {
    name: 'an ip outside the key’s allowlist → ip_not_allowed',
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'free', { ipAllowlist: ['10.0.0.0/8'] });
      return { request: request(t, { key, ip: '192.168.1.1' }), ...refused('ip_not_allowed', identity) };
    },
  },
  {
    name: 'a scope the key lacks → insufficient_scope, naming it',
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'pro');
      const refusal = refused('insufficient_scope', { ...identity, missingScopes: ['bookings:write'] });
      return { request: request(t, { key, scopes: ['bookings:write'] }), ...refusal };
    },
  },
  {
    name: "a key past its plan's requests per minute → rate_limited, with when to retry",
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'tiny');
      // The plan allows 2 a minute, one every 30 s, and the clock stands still: spend both.
      for (let call = 0; call < 2; call++) {
        if ((await verify(t, { key })).valid !== true) throw new Error('the limit was hit early');
      }
      const limited = { retryAfterSeconds: 30, ratelimit: { limit: 2, remaining: 0, resetSeconds: 60 } };
      return { request: request(t, { key }), ...refused('rate_limited', { ...identity, ...limited }) };
    },
  },
  {
    name: 'a key whose usage credits are spent, asked to spend one → usage_exceeded',
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'pro', { credits: { remaining: 1 } });
      if ((await verify(t, { key, consume: 1 })).remaining !== 0) throw new Error('the credit was not spent');
      return {
        request: request(t, { key, consume: 1 }),
        status: 200,
        body: { valid: false, code: 'usage_exceeded', ...identity },
      };
    },
  },
  {
    name: 'an access token of a suspended tenant → tenant_suspended',
    async arrange(t) {
      const { tenantId, client, token } = await clientToken(t);
      await patchTenant(t, tenantId, { status: 'suspended' });
      const identity = { credentialType: 'access_token', tenantId, clientId: client.id };
      return { request: request(t, { key: token }), ...refused('tenant_suspended', identity) };
    },
  },
  {
    name: 'a token signed with our keys for another issuer → wrong_issuer',
    async arrange(t) {
      const tenantId = await createTenant(t, { plan: 'pro' });
      const client = await createClient(t, tenantId, { scopes: ['bookings:read'] });
      const grant = { clientId: client.id, tenantId, mode: 'live', scopes: ['bookings:read'] } as const;
      const { issuer } = t.context.oauth;
      const audience = defaultAudience(t.context);
      // As a node configured with another public URL would sign it, with this server's key ring.
      t.context.oauth.issuer = 'https://other-node.example';
      try {
        const { token } = await issueAccessToken(t.context, { ...grant, audience });
        return { request: request(t, { key: token }), ...refused('wrong_issuer') };
      } finally {
        t.context.oauth.issuer = issuer;
      }
    },
  },
];
