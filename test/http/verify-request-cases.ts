import { asPlatform, createTenant } from '../support/app.ts';
import { createKeyPair, m2mToken } from './management-support.ts';
import { unknownKey } from './support.ts';
import { problem, request, type StreamedBody, tenantKey, type VerifyCase } from './verify-cases.ts';

const KIB = 1024;
/** Far past any body limit the config allows: the 413 must not wait for it. */
export const STREAMED_BYTES = 30 * KIB * KIB;

/** A body `verifyBody` accepts whatever the key: a refusal can only be about what the case changes. */
const anyKey = () => ({ key: unknownKey('sk') });

/** What the body reader refuses, and what it reads however it comes. */
export const bodyCases: VerifyCase[] = [
  {
    name: 'a chunked body under the limit is read whole → valid',
    async arrange(t) {
      const { key, identity } = await tenantKey(t, 'free');
      const path = {
        head: `{"key":"${key}","path":"/`,
        filler: Buffer.alloc(256, 'p'),
        count: 6,
        tail: '"}',
      };
      return { request: request(t, path), status: 200, body: { valid: true, ...identity } };
    },
  },
  {
    name: 'unparsable JSON → 400 bad_request',
    arrange: async (t) => ({ request: request(t, '{"key":'), ...problem(400, 'bad_request') }),
  },
  {
    name: 'a __proto__ key → 400 bad_request, as the framework’s JSON parser refuses it',
    async arrange(t) {
      const body = `{"key":"${unknownKey('sk')}","__proto__":{"valid":true}}`;
      return { request: request(t, body), ...problem(400, 'bad_request') };
    },
  },
  {
    name: 'a constructor.prototype key → 400 bad_request',
    async arrange(t) {
      const body = `{"key":"${unknownKey('sk')}","constructor":{"prototype":{"valid":true}}}`;
      return { request: request(t, body), ...problem(400, 'bad_request') };
    },
  },
  {
    name: 'an unknown field → 422 validation_failed',
    arrange: async (t) => ({
      request: request(t, { ...anyKey(), extra: 1 }),
      ...problem(422, 'validation_failed'),
    }),
  },
  {
    name: 'a key sent as a field name → 422, and the key is not echoed',
    async arrange(t) {
      const { key } = await tenantKey(t, 'free');
      return {
        request: request(t, { key, [key]: true }),
        ...problem(422, 'validation_failed'),
        secrets: [key],
      };
    },
  },
  {
    name: 'a text/plain body → 415 unsupported_media_type',
    async arrange(t) {
      const sent = request(t, anyKey(), { 'content-type': 'text/plain' });
      return { request: sent, ...problem(415, 'unsupported_media_type') };
    },
  },
  {
    name: 'a content type that is no media type → 415 unsupported_media_type',
    async arrange(t) {
      const sent = request(t, anyKey(), { 'content-type': 'json' });
      return { request: sent, ...problem(415, 'unsupported_media_type') };
    },
  },
  {
    name: 'a body without a content type → 415 unsupported_media_type',
    async arrange(t) {
      const sent = request(t, anyKey(), { 'content-type': undefined });
      return { request: sent, ...problem(415, 'unsupported_media_type') };
    },
  },
  {
    name: 'a content-length over the limit → 413 payload_too_large',
    async arrange(t) {
      const sent = request(t, { key: 'k'.repeat(t.config.server.bodyLimitBytes) });
      return { request: sent, ...problem(413, 'payload_too_large') };
    },
  },
  {
    name: 'a chunked body that passes the limit → 413 payload_too_large, before it ends',
    async arrange(t) {
      const filler = Buffer.alloc(64 * KIB, 'k');
      const body: StreamedBody = { head: '{"key":"', filler, count: STREAMED_BYTES / filler.length };
      return { request: request(t, body), ...problem(413, 'payload_too_large') };
    },
  },
];

const challenge = (error?: string) => ({
  'www-authenticate': error
    ? new RegExp(`realm="portcullis", error="${error}"`)
    : /^Bearer realm="portcullis"(?!.*error=)/,
});

/** Who may ask: the caller is authenticated and authorized before the body is looked at. */
export const callerCases: VerifyCase[] = [
  {
    name: 'no credential → 401 with a challenge without an error',
    async arrange(t) {
      const sent = request(t, anyKey(), { authorization: undefined });
      return { request: sent, ...problem(401, 'invalid_credential'), headers: challenge() };
    },
  },
  {
    name: 'no credential and a content type that is no media type → 401: the caller comes first',
    async arrange(t) {
      const sent = request(t, anyKey(), { authorization: undefined, 'content-type': 'json' });
      return { request: sent, ...problem(401, 'invalid_credential'), headers: challenge() };
    },
  },
  {
    name: 'an unknown platform key → 401 invalid_token',
    async arrange(t) {
      const sent = request(t, anyKey(), { authorization: `Bearer ${unknownKey('pk')}` });
      return { request: sent, ...problem(401, 'invalid_credential'), headers: challenge('invalid_token') };
    },
  },
  {
    name: "a tenant's runtime API key as the caller → 401 invalid_token",
    async arrange(t) {
      const { key } = await tenantKey(t, 'free');
      const sent = request(t, { key }, { authorization: `Bearer ${key}` });
      return { request: sent, ...problem(401, 'invalid_credential'), headers: challenge('invalid_token') };
    },
  },
  {
    name: 'a platform key without verify → 403 insufficient_scope',
    async arrange(t) {
      const created = await asPlatform(t, {
        method: 'POST',
        url: '/api/v1/platform/keys',
        payload: { name: 'automation', permissions: ['manage'] },
      });
      const sent = request(t, anyKey(), { authorization: `Bearer ${created.json<{ key: string }>().key}` });
      const refusal = problem(403, 'insufficient_scope');
      return { request: sent, ...refusal, headers: challenge('insufficient_scope') };
    },
  },
  {
    name: "a tenant's management key pair → 403 insufficient_scope",
    async arrange(t) {
      const pair = await createKeyPair(t, await createTenant(t), ['manage:keys']);
      const sent = request(t, anyKey(), { authorization: undefined, ...pair.headers });
      return { request: sent, ...problem(403, 'insufficient_scope'), secrets: [pair.apiSecret] };
    },
  },
  {
    name: "a tenant's M2M token → 403 insufficient_scope",
    async arrange(t) {
      const { authorization } = await m2mToken(t, await createTenant(t), ['manage:keys']);
      return { request: request(t, anyKey(), { authorization }), ...problem(403, 'insufficient_scope') };
    },
  },
];
