import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DeliveryWorker } from '../../src/services/webhooks/worker.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import {
  AUTHORIZATION_CONFIG,
  approve,
  authorizeQuery,
  getAuthorize,
  type Installable,
  installable,
  pkce,
  REDIRECT,
  redeem,
} from './authorization-support.ts';
import { appsUrl, clientsUrl, createApp, createClient } from './clients-support.ts';
import { createKeyPair, managementKeysUrl } from './management-support.ts';
import { OAUTH, postForm, requestToken, tokenFor } from './oauth-support.ts';
import {
  asBrowser,
  type Browser,
  browserOf,
  createUser,
  handoffBrowser,
  PASSWORD,
  sessionCookieOf,
  signIn,
} from './people-support.ts';
import { portOf } from './raw-http-support.ts';
import { keysUrl, mistyped, unknownKey } from './support.ts';
import {
  createEndpoint,
  deliveriesOf,
  endpointsUrl,
  type Receiver,
  startReceiver,
  status,
  webhookTestConfig,
} from './webhooks-support.ts';

/**
 * Every answer the server sends must be what its own OpenAPI document says: strict clients generated from
 * `/openapi.json` (and acceptance suites that validate against it) refuse anything else. A scenario drives the
 * real server over HTTP on 127.0.0.1 through the suite's own helpers, every answer is recorded, and each is
 * checked against the operation, status, media type and schema the document declares.
 */

/** One answer as it came off the wire. */
interface Answer {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

interface MediaType {
  schema?: unknown;
}

interface ResponseObject {
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}

interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** The options `inject()` takes that the suite's helpers use, sent over a real connection instead. */
function send(port: number, options: InjectOptions): Promise<LightMyRequestResponse> {
  const method = String(options.method ?? 'GET').toUpperCase();
  let url = typeof options.url === 'string' ? options.url : String(options.path ?? '/');
  if (options.query && typeof options.query === 'object') {
    const search = new URLSearchParams(options.query as Record<string, string>).toString();
    if (search) url += `${url.includes('?') ? '&' : '?'}${search}`;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  const payload = options.payload ?? options.body;
  let bytes: Buffer | undefined;
  if (typeof payload === 'string') bytes = Buffer.from(payload);
  else if (Buffer.isBuffer(payload)) bytes = payload;
  else if (payload !== undefined) {
    bytes = Buffer.from(JSON.stringify(payload));
    headers['content-type'] ??= 'application/json';
  }
  if (bytes) headers['content-length'] = String(bytes.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path: url, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({
          statusCode: incoming.statusCode ?? 0,
          statusMessage: incoming.statusMessage ?? '',
          headers: incoming.headers,
          body,
          payload: body,
          rawPayload: Buffer.concat(chunks),
          trailers: {},
          cookies: [],
          raw: { req: outgoing, res: incoming },
          json: () => JSON.parse(body),
          stream: () => {
            throw new Error('not streamed');
          },
        } as unknown as LightMyRequestResponse);
      });
    });
    outgoing.on('error', reject);
    outgoing.end(bytes);
  });
}

/**
 * The test app as the suite's helpers take it, whose `app.inject()` goes over HTTP to the listening server and
 * records every answer.
 */
function overHttp(t: TestApp, record: (answer: Answer) => void): TestApp {
  const port = portOf(t.app);
  const inject = async (options: InjectOptions) => {
    const response = await send(port, options);
    const url = typeof options.url === 'string' ? options.url : String(options.path ?? '/');
    record({
      method: String(options.method ?? 'GET').toUpperCase(),
      path: url.split('?', 1)[0] ?? url,
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body,
    });
    return response;
  };
  return { ...t, app: { inject } as unknown as FastifyInstance };
}

/** The document's path template a request path falls under; literal segments win over parameters. */
function templateOf(document: Document, path: string): string | undefined {
  const segments = path.split('/');
  let best: { template: string; literals: number } | undefined;
  for (const template of Object.keys(document.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let literals = 0;
    const matches = parts.every((part, index) => {
      if (/^\{[^}]+\}$/.test(part)) return (segments[index] ?? '') !== '';
      literals += 1;
      return part === decodeURIComponent(segments[index] ?? '');
    });
    if (matches && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/** The declared response for a status: the exact code, else `4XX`-style ranges, else `default`. */
function responseFor(operation: Operation, status: number): ResponseObject | undefined {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

const essence = (mediaType: string) => (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase();
const isJson = (mediaType: string) => /^application\/(?:[\w.+-]+\+)?json$/.test(essence(mediaType));

/** OpenAPI 3.0's `nullable: true` as JSON Schema's `type: [..., "null"]`; 3.1 schemas are JSON Schema already. */
function withoutNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNullable);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]),
  );
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
}

/** A validator of bodies against the document's schemas, `$ref`s resolved against the whole document. */
function validatorFor(document: Document) {
  const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ??
    ajvFormats) as unknown as (ajv: Ajv2020) => void;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const source = document.openapi.startsWith('3.0') ? (withoutNullable(document) as Document) : document;
  ajv.addSchema({ ...source, $id: 'openapi.json' } as object);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (pointer: string, body: unknown): string | undefined => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
      compiled.set(pointer, validate);
    }
    if (validate(body)) return undefined;
    return ajv.errorsText(validate.errors, { dataVar: 'body' });
  };
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** What is wrong with one answer as the document declares it; undefined when it conforms. */
function mismatchOf(
  document: Document,
  validate: ReturnType<typeof validatorFor>,
  answer: Answer,
): string | undefined {
  const template = templateOf(document, answer.path);
  if (!template) return 'no such path in the document';
  const method = answer.method.toLowerCase();
  const operation = document.paths[template]?.[method];
  if (!operation) return `the document has no ${method.toUpperCase()} at ${template}`;
  const declared = responseFor(operation, answer.status);
  if (!declared) {
    return `status ${answer.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`;
  }
  const content = declared.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    if (answer.body === '') return undefined;
    return `no content declared, but sent ${answer.contentType || 'no content type'}: ${answer.body.slice(0, 120)}`;
  }
  if (answer.body === '' && answer.status === 204) return undefined;
  const mediaType = mediaTypes.find((type) => essence(type) === essence(answer.contentType));
  if (!mediaType)
    return `sent ${answer.contentType || 'no content type'}, declared ${mediaTypes.join(' | ')}`;
  const schema = content[mediaType]?.schema;
  if (schema === undefined) return undefined;
  const key = Object.keys(operation.responses).find((code) => operation.responses[code] === declared) ?? '';
  const pointer = ['paths', template, method, 'responses', key, 'content', mediaType, 'schema']
    .map((segment) => `/${escapePointer(segment)}`)
    .join('');
  let body: unknown = answer.body;
  if (isJson(mediaType)) {
    try {
      body = JSON.parse(answer.body);
    } catch {
      return `not JSON: ${answer.body.slice(0, 120)}`;
    }
  }
  const error = validate(pointer, body);
  return error === undefined ? undefined : `${error} — sent ${answer.body.slice(0, 300)}`;
}

/** Where two JSON values differ, as paths: what the serializer dropped, added or changed. */
function differences(meant: unknown, sent: unknown, at = 'body'): string[] {
  if (meant === sent) return [];
  if (Array.isArray(meant) && Array.isArray(sent)) {
    if (meant.length !== sent.length) return [`${at}: ${meant.length} items meant, ${sent.length} sent`];
    return meant.flatMap((item, index) => differences(item, sent[index], `${at}[${index}]`));
  }
  if (meant && sent && typeof meant === 'object' && typeof sent === 'object' && !Array.isArray(meant)) {
    const a = meant as Record<string, unknown>;
    const b = sent as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) => {
      if (!(key in b)) return [`${at}.${key} dropped (was ${JSON.stringify(a[key])})`];
      if (!(key in a)) return [`${at}.${key} added (${JSON.stringify(b[key])})`];
      return differences(a[key], b[key], `${at}.${key}`);
    });
  }
  return [`${at}: ${JSON.stringify(meant)} meant, ${JSON.stringify(sent)} sent`];
}

const CONFIG = {
  ...webhookTestConfig,
  oauth: { ...AUTHORIZATION_CONFIG.oauth, registration: { mode: 'open', perIpPerMinute: 100 } },
};

describe('every answer matches the OpenAPI document', () => {
  let server: TestApp;
  let t: TestApp;
  let document: Document;
  let worker: DeliveryWorker;
  let receiver: Receiver;
  const answers: Answer[] = [];
  /** Where the route schema's serializer sent something other than what the handler answered. */
  const coerced: string[] = [];

  before(async () => {
    server = await startTestApp({ config: CONFIG });
    // What each handler answered, before the route's response schema serializes it: a serializer that drops
    // or fills in a field hides what the server meant from the schema check.
    const meant = new WeakMap<object, unknown>();
    server.app.addHook('preSerialization', async (request, _reply, payload) => {
      meant.set(request, JSON.parse(JSON.stringify(payload ?? null)));
      return payload;
    });
    server.app.addHook('onSend', async (request, reply, payload) => {
      if (!meant.has(request) || typeof payload !== 'string') return payload;
      let sent: unknown;
      try {
        sent = JSON.parse(payload);
      } catch {
        return payload;
      }
      for (const difference of differences(meant.get(request), sent)) {
        coerced.push(
          `${request.method} ${request.url.split('?', 1)[0]} → ${reply.statusCode}: ${difference}`,
        );
      }
      return payload;
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    t = overHttp(server, (answer) => answers.push(answer));
    worker = new DeliveryWorker(server.context);
    receiver = await startReceiver();
    // The document itself is not one of its operations: fetched over HTTP, not recorded.
    const served = await send(portOf(server.app), { method: 'GET', url: '/openapi.json' });
    assert.equal(served.statusCode, 200);
    document = served.json<Document>();
  });
  after(async () => {
    await worker.close();
    await receiver.close();
    await server.close();
  });

  const platform = (options: InjectOptions) => asPlatform(t, options);
  const expect = (response: LightMyRequestResponse, status: number) =>
    assert.equal(response.statusCode, status, `${status} expected: ${response.body}`);

  it('public, health and discovery documents', async () => {
    for (const url of [
      '/healthz',
      '/readyz',
      '/metrics',
      '/api/v1/scopes',
      '/api/v1/plans',
      '/api/v1/management-permissions',
      '/.well-known/jwks.json',
      '/.well-known/oauth-authorization-server',
      '/api/v1/webhooks/event-types',
    ]) {
      expect(await t.app.inject({ method: 'GET', url }), 200);
    }
  });

  it('platform keys, signing keys, tenants', async () => {
    const created = await platform({
      method: 'POST',
      url: '/api/v1/platform/keys',
      payload: { name: 'ci', permissions: ['manage'] },
    });
    expect(created, 201);
    expect(await platform({ method: 'GET', url: '/api/v1/platform/keys' }), 200);
    expect(await platform({ method: 'GET', url: '/api/v1/platform/keys?limit=1' }), 200);
    expect(
      await platform({ method: 'DELETE', url: `/api/v1/platform/keys/${created.json<{ id: string }>().id}` }),
      204,
    );
    expect(await platform({ method: 'DELETE', url: '/api/v1/platform/keys/pk_missing' }), 404);
    expect(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/platform/keys',
        headers: { authorization: 'Bearer nope' },
      }),
      401,
    );
    expect(await platform({ method: 'POST', url: '/api/v1/platform/signing-keys/rotate' }), 200);

    const tenantId = await createTenant(t, { name: 'Conformance', plan: 'pro' });
    expect(await platform({ method: 'GET', url: '/api/v1/tenants' }), 200);
    expect(await platform({ method: 'GET', url: '/api/v1/tenants?limit=1' }), 200);
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}` }), 200);
    expect(
      await platform({ method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload: { name: 'Renamed' } }),
      200,
    );
    expect(await platform({ method: 'GET', url: '/api/v1/tenants/ten_missing' }), 404);
    expect(await platform({ method: 'POST', url: '/api/v1/tenants', payload: { name: '' } }), 422);
    expect(
      await platform({ method: 'POST', url: '/api/v1/tenants', payload: { plan: 'nope', name: 'x' } }),
      422,
    );
  });

  it('keys: create, list with filters, read, change, roll, revoke; verify and usage', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const plain = await createKey(t, tenantId, { name: 'Plain' });
    const rich = await createKey(t, tenantId, {
      name: 'Rich',
      type: 'restricted',
      scopes: ['bookings:read', 'read:*'],
      meta: { team: 'orders', tier: 2 },
      externalId: 'cus_42',
      credits: { remaining: 2, refill: { amount: 5, interval: 'day' } },
      rateLimit: { requestsPerMinute: 100 },
      ipAllowlist: ['127.0.0.1/32', '10.0.0.0/8'],
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    const testKey = await createKey(t, tenantId, { name: 'Test', mode: 'test' });
    for (const query of [
      '',
      '?limit=1',
      '?status=active',
      '?status=revoked',
      '?status=expired',
      '?mode=test',
      '?type=restricted',
      '?namePrefix=Ri',
    ]) {
      expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}${query}` }), 200);
    }
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}?status=bogus` }), 422);
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}/${rich.id}` }), 200);
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}/key_missing` }), 404);
    expect(
      await platform({
        method: 'PATCH',
        url: `${keysUrl(tenantId)}/${rich.id}`,
        payload: { name: 'Richer', meta: null, externalId: null, expiresAt: null, ipAllowlist: null },
      }),
      200,
    );
    expect(
      await platform({
        method: 'PATCH',
        url: `${keysUrl(tenantId)}/${rich.id}`,
        payload: { meta: { a: 1 }, externalId: 'cus_43', ipAllowlist: ['127.0.0.1/32'] },
      }),
      200,
    );
    const rolled = await platform({
      method: 'POST',
      url: `${keysUrl(tenantId)}/${plain.id}/roll`,
      payload: { gracePeriodSeconds: 3600 },
    });
    expect(rolled, 200);
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}/${plain.id}` }), 200);
    expect(await platform({ method: 'POST', url: `${keysUrl(tenantId)}/${testKey.id}/roll` }), 200);

    const verify = (body: Record<string, unknown>, authorization = `Bearer ${t.verifierKey}`) =>
      t.app.inject({ method: 'POST', url: '/api/v1/verify', headers: { authorization }, payload: body });
    const newPlain = rolled.json<{ key: string }>().key;
    expect(await verify({ key: newPlain }), 200);
    expect(await verify({ key: plain.key }), 200); // the old secret, within its grace period
    expect(await verify({ key: rich.key, scopes: ['bookings:read'], consume: 1, ip: '127.0.0.1' }), 200);
    expect(await verify({ key: rich.key, scopes: ['bookings:read'], consume: 1, ip: '127.0.0.1' }), 200);
    expect(await verify({ key: rich.key, scopes: ['bookings:read'], consume: 5, ip: '127.0.0.1' }), 200);
    expect(await verify({ key: rich.key, scopes: ['bookings:write'], ip: '127.0.0.1' }), 200);
    expect(await verify({ key: rich.key, ip: '192.0.2.1' }), 200);
    expect(await verify({ key: rich.key, method: 'GET', path: '/bookings', ip: '127.0.0.1' }), 200);
    expect(await verify({ key: unknownKey('sk') }), 200);
    expect(await verify({ key: mistyped(newPlain) }), 200);
    expect(await verify({ key: 'not a key' }), 200);
    expect(await verify({ key: testKey.key }), 200);
    expect(await verify({ key: newPlain }, 'Bearer nope'), 401);
    expect(await verify({ key: newPlain }, `Bearer ${t.platformKey}`), 200);
    expect(await verify({ nokey: true }), 422);
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
        payload: '{"key":',
      }),
      400,
    );
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'text/plain' },
        payload: 'key',
      }),
      415,
    );
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify?x=1',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: newPlain },
      }),
      200,
    );

    for (const query of [
      '',
      '?interval=day',
      `?keyId=${rich.id}`,
      '?interval=hour&since=2026-05-31T00:00:00Z',
    ]) {
      expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/usage${query}` }), 200);
    }
    for (const query of ['', `?keyId=${rich.id}`, '?limit=2', '?outcome=invalid']) {
      const feed = await platform({
        method: 'GET',
        url: `/api/v1/tenants/${tenantId}/audit/requests${query}`,
      });
      assert.ok([200, 422].includes(feed.statusCode), feed.body);
    }
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/audit/activity` }), 200);
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/audit/activity?limit=1` }), 200);
    expect(await platform({ method: 'GET', url: '/api/v1/platform/audit/activity' }), 200);

    expect(await platform({ method: 'DELETE', url: `${keysUrl(tenantId)}/${rich.id}` }), 200);
    expect(await verify({ key: rich.key }), 200);
    expect(
      await platform({ method: 'PATCH', url: `${keysUrl(tenantId)}/${rich.id}`, payload: { name: 'x' } }),
      409,
    );
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}?status=revoked` }), 200);
    expect(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/whoami',
        headers: { authorization: `Bearer ${newPlain}` },
      }),
      200,
    );
    expect(await t.app.inject({ method: 'GET', url: '/api/v1/whoami' }), 401);
  });

  it('management keys, apps, clients, OAuth token / introspect / revoke', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const pair = await createKeyPair(t, tenantId, ['manage:keys', 'read:audit'] as never);
    expect(await platform({ method: 'GET', url: managementKeysUrl(tenantId) }), 200);
    expect(await platform({ method: 'GET', url: `${managementKeysUrl(tenantId)}/${pair.id}` }), 200);
    expect(await t.app.inject({ method: 'GET', url: keysUrl(tenantId), headers: pair.headers }), 200);
    expect(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/tenants/${tenantId}/clients`,
        headers: pair.headers,
      }),
      403,
    );
    expect(await t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: pair.headers }), 401);
    expect(await platform({ method: 'DELETE', url: `${managementKeysUrl(tenantId)}/${pair.id}` }), 200);

    const app = await createApp(t, tenantId, {
      name: 'Sync',
      redirectUris: [REDIRECT],
      allowedOrigins: ['https://app.example.com'],
    });
    const bare = await createApp(t, tenantId, { name: 'Bare', type: 'public' });
    expect(await platform({ method: 'GET', url: appsUrl(tenantId) }), 200);
    expect(await platform({ method: 'GET', url: `${appsUrl(tenantId)}/${app.id}` }), 200);
    expect(
      await platform({
        method: 'PATCH',
        url: `${appsUrl(tenantId)}/${app.id}`,
        payload: { logoUrl: 'https://cdn.example.com/l.png', homepageUrl: null },
      }),
      200,
    );
    const client = await createClient(t, tenantId, {
      appId: app.id,
      scopes: ['bookings:read', 'events:read'],
    });
    const plainClient = await createClient(t, tenantId, { scopes: ['bookings:read'] });
    const publicClient = await createClient(t, tenantId, { appId: bare.id });
    expect(await platform({ method: 'DELETE', url: `${appsUrl(tenantId)}/${app.id}` }), 409);
    for (const query of ['', '?status=active', `?appId=${app.id}`, '?mode=live', '?limit=1']) {
      expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}${query}` }), 200);
    }
    expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}/${publicClient.id}` }), 200);
    expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}/${client.id}` }), 200);

    const token = await tokenFor(t, client);
    expect(await requestToken(t, { post: client }, { scope: 'bookings:read' }), 200);
    expect(await requestToken(t, { basic: { ...client, client_secret: 'wrong' } }), 401);
    expect(await requestToken(t, undefined), 401);
    expect(await postForm(t, 'token', { grant_type: 'password' }, { basic: client }), 400);
    expect(await requestToken(t, { basic: client }, { scope: 'bookings:write' }), 400);
    const introspected = await postForm(
      t,
      'introspect',
      { token },
      { authorization: `Bearer ${t.verifierKey}` },
    );
    expect(introspected, 200);
    expect(await postForm(t, 'introspect', { token }, { basic: client }), 200);
    expect(await postForm(t, 'introspect', { token: 'garbage' }, { basic: client }), 200);
    expect(await postForm(t, 'introspect', {}, { basic: client }), 400);
    expect(await postForm(t, 'introspect', { token }, { authorization: 'Bearer nope' }), 401);
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: token, scopes: ['bookings:read'] },
      }),
      200,
    );
    expect(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/whoami',
        headers: { authorization: `Bearer ${token}` },
      }),
      200,
    );
    expect(await postForm(t, 'revoke', { token }, { basic: client }), 200);
    expect(await postForm(t, 'revoke', { token: 'garbage' }, { basic: client }), 200);
    expect(await postForm(t, 'revoke', {}, { basic: client }), 400);
    expect(await postForm(t, 'revoke', { token }, undefined), 401);
    expect(await postForm(t, 'introspect', { token }, { authorization: `Bearer ${t.verifierKey}` }), 200);

    expect(
      await platform({
        method: 'PATCH',
        url: `${clientsUrl(tenantId)}/${plainClient.id}`,
        payload: { status: 'suspended' },
      }),
      200,
    );
    expect(
      await platform({
        method: 'PATCH',
        url: `${clientsUrl(tenantId)}/${plainClient.id}`,
        payload: { scopes: ['events:read'] },
      }),
      200,
    );
    expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}?status=suspended` }), 200);
    expect(
      await platform({
        method: 'POST',
        url: `${clientsUrl(tenantId)}/${client.id}/rotate-secret`,
        payload: { gracePeriodSeconds: 60 },
      }),
      200,
    );
    expect(
      await platform({ method: 'POST', url: `${clientsUrl(tenantId)}/${client.id}/rotate-secret` }),
      200,
    );
    expect(
      await platform({ method: 'POST', url: `${clientsUrl(tenantId)}/${publicClient.id}/rotate-secret` }),
      409,
    );
    expect(await platform({ method: 'DELETE', url: `${clientsUrl(tenantId)}/${plainClient.id}` }), 200);
    expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}/${plainClient.id}` }), 404);
    expect(await platform({ method: 'GET', url: `${clientsUrl(tenantId)}?status=deleted` }), 200);
    expect(await platform({ method: 'DELETE', url: `${clientsUrl(tenantId)}/${publicClient.id}` }), 200);
    expect(await platform({ method: 'DELETE', url: `${appsUrl(tenantId)}/${bare.id}` }), 204);
  });

  it('users, members, invitations, sessions, personal tokens', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const user = await createUser(t, { email: 'ada@example.com', password: PASSWORD, externalId: 'u-ada' });
    const other = await createUser(t, { email: 'bob@example.com' });
    for (const query of ['', '?email=ada@example.com', '?externalId=u-ada', '?limit=1']) {
      expect(await platform({ method: 'GET', url: `/api/v1/users${query}` }), 200);
    }
    expect(await platform({ method: 'GET', url: `/api/v1/users/${user.id}` }), 200);
    expect(await platform({ method: 'GET', url: `/api/v1/users/${other.id}` }), 200);
    expect(
      await platform({
        method: 'PATCH',
        url: `/api/v1/users/${other.id}`,
        payload: { name: 'Robert', externalId: null },
      }),
      200,
    );
    expect(
      await platform({
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'ada@example.com', name: 'Dup' },
      }),
      409,
    );
    expect(
      await platform({
        method: 'POST',
        url: `/api/v1/tenants/${tenantId}/members`,
        payload: { userId: user.id, role: 'owner' },
      }),
      201,
    );
    expect(
      await platform({
        method: 'POST',
        url: `/api/v1/tenants/${tenantId}/members`,
        payload: { userId: other.id, role: 'viewer' },
      }),
      201,
    );
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/members` }), 200);
    expect(
      await platform({
        method: 'PATCH',
        url: `/api/v1/tenants/${tenantId}/members/${other.id}`,
        payload: { role: 'developer' },
      }),
      200,
    );
    expect(await platform({ method: 'DELETE', url: `/api/v1/tenants/${tenantId}/members/${other.id}` }), 204);

    const signed = await signIn(t, 'ada@example.com', PASSWORD);
    expect(signed, 200);
    expect(await signIn(t, 'ada@example.com', 'wrong password'), 401);
    const browser: Browser = await browserOf(t, sessionCookieOf(signed));
    expect(await t.app.inject({ method: 'GET', url: '/api/v1/session' }), 401);
    expect(await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/sessions' }), 200);
    expect(await asBrowser(t, browser, { method: 'GET', url: keysUrl(tenantId) }), 200);
    expect(
      await asBrowser(t, browser, {
        method: 'POST',
        url: keysUrl(tenantId),
        payload: { name: 'From console' },
      }),
      201,
    );
    expect(
      await asBrowser(t, browser, {
        method: 'POST',
        url: keysUrl(tenantId),
        payload: { name: 'No CSRF' },
        headers: { 'x-csrf-token': 'wrong' },
      }),
      403,
    );

    const invited = await asBrowser(t, browser, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/invitations`,
      payload: { email: 'carol@example.com', role: 'developer' },
    });
    expect(invited, 201);
    const revokedInvite = await asBrowser(t, browser, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/invitations`,
      payload: { email: 'dan@example.com', role: 'viewer' },
    });
    expect(revokedInvite, 201);
    expect(
      await asBrowser(t, browser, { method: 'GET', url: `/api/v1/tenants/${tenantId}/invitations` }),
      200,
    );
    expect(
      await asBrowser(t, browser, {
        method: 'DELETE',
        url: `/api/v1/tenants/${tenantId}/invitations/${revokedInvite.json<{ id: string }>().id}`,
      }),
      200,
    );
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: invited.json<{ token: string }>().token, name: 'Carol', password: PASSWORD },
    });
    expect(accepted, 200);
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token: revokedInvite.json<{ token: string }>().token, password: PASSWORD },
      }),
      404,
    );

    const pat = await asBrowser(t, browser, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'Agent', scopes: ['read:entities'], expiresAt: '2027-01-01T00:00:00.000Z' },
    });
    expect(pat, 201);
    const patNoExpiry = await asBrowser(t, browser, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'Agent 2', scopes: ['read:entities'] },
    });
    expect(patNoExpiry, 201);
    const { id: tokenId, token } = pat.json<{ id: string; token: string }>();
    expect(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/whoami',
        headers: { authorization: `Bearer ${token}` },
      }),
      200,
    );
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: token, workspaceId: tenantId, scopes: ['read:entities'] },
      }),
      200,
    );
    expect(await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/tokens' }), 200);
    expect(await asBrowser(t, browser, { method: 'GET', url: `/api/v1/me/tokens/${tokenId}` }), 200);
    expect(await asBrowser(t, browser, { method: 'GET', url: `/api/v1/me/tokens/${tokenId}/requests` }), 200);
    expect(await asBrowser(t, browser, { method: 'DELETE', url: `/api/v1/me/tokens/${tokenId}` }), 200);
    expect(await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/tokens/pat_missing' }), 404);

    const handedOff = await handoffBrowser(t, tenantId, 'manager');
    expect(await asBrowser(t, handedOff, { method: 'GET', url: '/api/v1/session' }), 200);
    expect(await asBrowser(t, handedOff, { method: 'DELETE', url: '/api/v1/session' }), 204);
    expect(await t.app.inject({ method: 'GET', url: '/api/v1/console-sessions/cs_missing' }), 404);
    expect(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/console-sessions/cs_missing',
        headers: { accept: 'text/html' },
      }),
      303,
    );
    expect(await asBrowser(t, browser, { method: 'DELETE', url: '/api/v1/me/sessions' }), 200);
    expect(await platform({ method: 'DELETE', url: `/api/v1/users/${user.id}/sessions` }), 200);
    expect(
      await platform({ method: 'PATCH', url: `/api/v1/users/${other.id}`, payload: { status: 'disabled' } }),
      200,
    );
  });

  it('authorization code flow, installations, dynamic registration', async () => {
    const setup: Installable = await installable(t);
    const verifier = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, verifier.challenge), setup.owner);
    expect(page, 200);
    expect(await getAuthorize(t, authorizeQuery('cl_00000000000000000000', verifier.challenge)), 400);
    // Not signed in: to the sign-in page.
    expect(await getAuthorize(t, authorizeQuery(setup.client.id, verifier.challenge)), 303);
    expect(
      await getAuthorize(t, authorizeQuery(setup.client.id, verifier.challenge, { response_type: 'token' })),
      303,
    );
    const code = await approve(t, setup, verifier);
    const redeemed = await redeem(t, setup, code, verifier.verifier);
    expect(redeemed, 200);
    const refresh = redeemed.json<{ refresh_token?: string }>().refresh_token;
    if (refresh) {
      expect(
        await postForm(
          t,
          'token',
          { grant_type: 'refresh_token', refresh_token: refresh },
          { basic: { client_id: setup.client.client_id, client_secret: setup.client.client_secret } },
        ),
        200,
      );
    }
    // A code redeemed twice revokes what it granted.
    expect(await redeem(t, setup, code, verifier.verifier), 400);
    const installations = `/api/v1/tenants/${setup.tenantId}/installations`;
    const listed = await platform({ method: 'GET', url: installations });
    expect(listed, 200);
    const [installation] = listed.json<{ items: { id: string }[] }>().items;
    assert.ok(installation);
    expect(await platform({ method: 'GET', url: `${installations}/${installation.id}` }), 200);
    expect(await platform({ method: 'DELETE', url: `${installations}/${installation.id}` }), 204);
    expect(await platform({ method: 'GET', url: `${installations}/${installation.id}` }), 404);

    server.context.oauth.registration = { ...server.context.oauth.registration, tenantId: setup.tenantId };
    const registered = await t.app.inject({
      method: 'POST',
      url: `${OAUTH}/register`,
      payload: {
        client_name: 'Agent Desk',
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        scope: 'bookings:read',
      },
    });
    expect(registered, 201);
    expect(
      await t.app.inject({
        method: 'POST',
        url: `${OAUTH}/register`,
        payload: { redirect_uris: ['ftp://x'] },
      }),
      400,
    );
    // A registered public client installed by another tenant, redeemed with PKCE alone.
    const clientId = registered.json<{ client_id: string }>().client_id;
    const installer = await createTenant(t);
    const owner = await handoffBrowser(t, installer, 'owner');
    const publicVerifier = pkce();
    const publicSetup = {
      tenantId: installer,
      owner,
      client: { id: clientId, client_id: clientId, client_secret: '' },
    } as unknown as Installable;
    const publicCode = await approve(t, publicSetup, publicVerifier, {
      redirect_uri: 'http://127.0.0.1/callback',
    });
    expect(
      await postForm(t, 'token', {
        grant_type: 'authorization_code',
        code: publicCode,
        code_verifier: publicVerifier.verifier,
        redirect_uri: 'http://127.0.0.1/callback',
        client_id: clientId,
      }),
      200,
    );
    const installed = await platform({ method: 'GET', url: `/api/v1/tenants/${installer}/installations` });
    expect(installed, 200);
    for (const { id } of installed.json<{ items: { id: string }[] }>().items) {
      expect(await platform({ method: 'GET', url: `/api/v1/tenants/${installer}/installations/${id}` }), 200);
    }
    expect(await platform({ method: 'GET', url: appsUrl(setup.tenantId) }), 200);
    expect(await platform({ method: 'GET', url: clientsUrl(setup.tenantId) }), 200);
  });

  it('webhook endpoints, deliveries, events', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const endpoint = await createEndpoint(t, tenantId, {
      url: receiver.url,
      events: ['*'],
      description: 'all',
    });
    const testEndpoint = await createEndpoint(t, tenantId, { url: `${receiver.url}/test`, mode: 'test' });
    const url = endpointsUrl(tenantId);
    expect(await platform({ method: 'GET', url }), 200);
    expect(await platform({ method: 'GET', url: `${url}?mode=test` }), 200);
    expect(await platform({ method: 'GET', url: `${url}/${endpoint.id}` }), 200);
    expect(
      await platform({ method: 'PATCH', url: `${url}/${testEndpoint.id}`, payload: { disabled: true } }),
      200,
    );
    expect(
      await platform({
        method: 'POST',
        url: `${url}/${endpoint.id}/rotate-secret`,
        payload: { gracePeriodSeconds: 60 },
      }),
      200,
    );
    expect(await platform({ method: 'POST', url: `${url}/${endpoint.id}/test` }), 202);
    expect(await platform({ method: 'POST', url: `${url}/${testEndpoint.id}/test` }), 409);
    expect(
      await platform({
        method: 'POST',
        url: `/api/v1/tenants/${tenantId}/events`,
        payload: { type: 'booking.created', mode: 'live', data: { bookingId: 'b_1' } },
      }),
      202,
    );
    receiver.replies.push(status(500, {}, 'boom'));
    await createKey(t, tenantId);
    await worker.runOnce();
    await worker.runOnce();
    const deliveries = await deliveriesOf(t, tenantId, endpoint.id);
    expect(await platform({ method: 'GET', url: `${url}/${endpoint.id}/deliveries` }), 200);
    expect(await platform({ method: 'GET', url: `${url}/${endpoint.id}/deliveries?limit=1` }), 200);
    for (const delivery of deliveries) {
      const retried = await platform({
        method: 'POST',
        url: `/api/v1/tenants/${tenantId}/webhooks/deliveries/${delivery.id}/retry`,
      });
      assert.ok([202, 409].includes(retried.statusCode), retried.body);
    }
    // A receiver that refuses the connection: an attempt without a status code.
    const unreachable = await createEndpoint(t, tenantId, {
      url: 'http://127.0.0.1:1/hook',
      events: ['key.created'],
    });
    await createKey(t, tenantId);
    await worker.runOnce();
    expect(await platform({ method: 'GET', url: `${url}/${unreachable.id}/deliveries` }), 200);
    expect(await platform({ method: 'GET', url: `${url}/${unreachable.id}` }), 200);
    expect(await platform({ method: 'DELETE', url: `${url}/${testEndpoint.id}` }), 204);
    expect(await platform({ method: 'GET', url: `${url}/${testEndpoint.id}` }), 404);
  });

  it('refusals a strict client may meet: bad bodies, replays, a suspended tenant', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const json = { authorization: `Bearer ${t.platformKey}`, 'content-type': 'application/json' };
    for (const [payload, headers] of [
      ['{"name":', json],
      ['', json],
      ['name=x', { ...json, 'content-type': 'application/x-www-form-urlencoded' }],
      [`{"name":"${'x'.repeat(2_000_000)}"}`, json],
    ] as const) {
      const refused = await t.app.inject({ method: 'POST', url: keysUrl(tenantId), headers, payload });
      assert.ok(refused.statusCode >= 400 && refused.statusCode < 500, refused.body);
    }
    const big = 'x'.repeat(2_000_000);
    for (const url of [
      `${OAUTH}/token`,
      `${OAUTH}/introspect`,
      `${OAUTH}/revoke`,
      `${OAUTH}/register`,
      '/api/v1/session',
      '/api/v1/invitations/accept',
      '/api/v1/verify',
    ]) {
      const bodies: [string, string][] = [
        ['{"a":', 'application/json'],
        ['[]', 'application/json'],
        ['a=%zz', 'application/x-www-form-urlencoded'],
        ['hello', 'text/plain'],
        [`a=${big}`, 'application/x-www-form-urlencoded'],
        [`{"a":"${big}"}`, 'application/json'],
      ];
      for (const [payload, type] of bodies) {
        const refused = await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': type, authorization: `Bearer ${t.verifierKey}` },
          payload,
        });
        assert.ok(refused.statusCode >= 400 && refused.statusCode < 500, refused.body);
      }
    }
    expect(await platform({ method: 'GET', url: '/api/v1/tenants?limit=0' }), 422);
    expect(await platform({ method: 'GET', url: '/api/v1/tenants?cursor=garbage' }), 422);
    expect(await platform({ method: 'GET', url: '/api/v1/tenants?unknown=1' }), 422);
    const idempotent = { 'idempotency-key': 'conformance-1' };
    expect(
      await platform({
        method: 'POST',
        url: keysUrl(tenantId),
        headers: idempotent,
        payload: { name: 'Once' },
      }),
      201,
    );
    expect(
      await platform({
        method: 'POST',
        url: keysUrl(tenantId),
        headers: idempotent,
        payload: { name: 'Once' },
      }),
      201,
    );
    expect(
      await platform({
        method: 'POST',
        url: keysUrl(tenantId),
        headers: idempotent,
        payload: { name: 'Twice' },
      }),
      422,
    );
    const again = { 'idempotency-key': 'conformance-2' };
    for (let round = 0; round < 2; round += 1) {
      const refused = await platform({
        method: 'POST',
        url: keysUrl(tenantId),
        headers: again,
        payload: { name: 'Too much', type: 'restricted', scopes: ['bookings:write'] },
      });
      assert.ok(refused.statusCode >= 400, refused.body);
    }
    const soon = await createKey(t, tenantId, {
      name: 'Soon expired',
      expiresAt: new Date(server.clock.now() + 60_000).toISOString(),
    });
    const limited = await createKey(t, tenantId, { name: 'Limited', rateLimit: { requestsPerMinute: 1 } });
    for (const presented of [limited.key, limited.key]) {
      expect(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/verify',
          headers: { authorization: `Bearer ${t.verifierKey}` },
          payload: { key: presented },
        }),
        200,
      );
    }
    server.clock.advance(120_000);
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: soon.key },
      }),
      200,
    );
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}/${soon.id}` }), 200);
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}?status=expired` }), 200);
    expect(
      await platform({ method: 'PATCH', url: `${keysUrl(tenantId)}/${soon.id}`, payload: { name: 'x' } }),
      409,
    );
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/usage?interval=minute` }), 200);
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${tenantId}/audit/requests` }), 200);
    expect(await platform({ method: 'GET', url: '/api/v1/platform/audit/activity?limit=5' }), 200);
    // Failed authentications are throttled (429) for a key pair and for an OAuth client.
    const pair = await createKeyPair(t, tenantId, ['manage:keys'] as never);
    for (let round = 0; round < 35; round += 1) {
      const refused = await t.app.inject({
        method: 'GET',
        url: keysUrl(tenantId),
        headers: { 'x-api-key': pair.apiKey, 'x-api-secret': 'wrong' },
      });
      assert.ok([401, 429].includes(refused.statusCode), refused.body);
    }
    const client = await createClient(t, tenantId);
    for (let round = 0; round < 35; round += 1) {
      const refused = await requestToken(t, { basic: { ...client, client_secret: 'wrong' } });
      assert.ok([401, 429].includes(refused.statusCode), refused.body);
    }
    // A tenant on a plan the configuration no longer defines.
    const orphan = await createTenant(t, { plan: 'pro' });
    const orphanKey = await createKey(t, orphan, { name: 'Orphaned' });
    await server.store.tenants.update(orphan, { planId: 'retired' }, server.clock.now());
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${orphan}` }), 200);
    expect(await platform({ method: 'GET', url: keysUrl(orphan) }), 200);
    expect(await platform({ method: 'GET', url: `${keysUrl(orphan)}/${orphanKey.id}` }), 200);
    const orphanCreate = await platform({ method: 'POST', url: keysUrl(orphan), payload: { name: 'More' } });
    assert.ok(orphanCreate.statusCode < 500, orphanCreate.body);
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: orphanKey.key },
      }),
      200,
    );
    const orphanWhoami = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whoami',
      headers: { authorization: `Bearer ${orphanKey.key}` },
    });
    assert.ok(orphanWhoami.statusCode < 500, orphanWhoami.body);
    expect(await platform({ method: 'GET', url: `/api/v1/tenants/${orphan}/usage` }), 200);
    expect(await platform({ method: 'GET', url: `/api/v1/tenants?limit=200` }), 200);
    const key = await createKey(t, tenantId, { name: 'Soon suspended' });
    expect(
      await platform({
        method: 'PATCH',
        url: `/api/v1/tenants/${tenantId}`,
        payload: { status: 'suspended' },
      }),
      200,
    );
    expect(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key: key.key },
      }),
      200,
    );
    const refused = await platform({ method: 'POST', url: keysUrl(tenantId), payload: { name: 'Refused' } });
    assert.ok(refused.statusCode >= 400, refused.body);
    expect(await platform({ method: 'GET', url: `${keysUrl(tenantId)}/${key.id}` }), 200);
    for (let round = 0; round < 7; round += 1) {
      await createKey(t, await createTenant(t, { plan: 'free' }), { name: `k${round}` }).catch(
        () => undefined,
      );
    }
    const full = await createTenant(t, { plan: 'free' });
    for (let round = 0; round < 6; round += 1) {
      const created = await platform({ method: 'POST', url: keysUrl(full), payload: { name: `k${round}` } });
      assert.ok([201, 409, 403].includes(created.statusCode), created.body);
    }
  });

  it('every recorded answer is what the document declares', (context) => {
    const validate = validatorFor(document);
    const mismatches = answers.flatMap((answer) => {
      const mismatch = mismatchOf(document, validate, answer);
      return mismatch === undefined
        ? []
        : [`${answer.method} ${answer.path} → ${answer.status}: ${mismatch}`];
    });
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const reached = new Set(
      answers.map((answer) => `${answer.method} ${templateOf(document, answer.path) ?? answer.path}`),
    );
    const unreached = operations.filter((operation) => !reached.has(operation));
    context.diagnostic(
      `reached ${operations.length - unreached.length} of ${operations.length} operations with ${answers.length} answers`,
    );
    for (const operation of unreached) context.diagnostic(`not reached: ${operation}`);
    const statuses = new Map<number, number>();
    for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    context.diagnostic(
      `statuses: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ')}`,
    );
    assert.deepEqual(mismatches, [], `answers that do not match the document:\n${mismatches.join('\n')}`);
    assert.deepEqual(coerced, [], `answers the serializer changed:\n${coerced.join('\n')}`);
    assert.ok(
      operations.length - unreached.length >= Math.ceil(operations.length * 0.8),
      `the scenario reaches too few operations; not reached:\n${unreached.join('\n')}`,
    );
  });
});
