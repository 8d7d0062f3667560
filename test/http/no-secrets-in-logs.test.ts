import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/cli/logger.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createKeyPair } from './management-support.ts';
import { exchange, portOf } from './raw-http-support.ts';

/** The server's own logger at its most talkative level, writing its lines to memory. */
function traceLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const config = loadConfig({ object: { logLevel: 'trace' }, env: {} });
  return { logger: createLogger(config, { write: (line: string) => void lines.push(line) }), lines };
}

/**
 * A log line as text to search, with every serialized Buffer (`{"type":"Buffer","data":[…]}`, how JSON
 * writes `rawPacket`) decoded back to its bytes: a secret must not hide in a list of numbers either.
 */
function searchable(line: string): string {
  const decoded: string[] = [line];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const { type, data } = value as { type?: unknown; data?: unknown };
    if (type === 'Buffer' && Array.isArray(data)) decoded.push(Buffer.from(data).toString('latin1'));
    for (const child of Object.values(value)) visit(child);
  };
  visit(JSON.parse(line));
  return decoded.join('\n');
}

function assertNoSecretLogged(lines: readonly string[], secrets: readonly string[]): void {
  for (const line of lines) {
    assert.ok(!line.includes('rawPacket'), `a raw packet was logged: ${line.slice(0, 300)}`);
    const text = searchable(line);
    for (const secret of secrets) {
      // The secret's random tail alone is enough to give it away.
      for (const fragment of [secret, secret.slice(-20)]) {
        assert.ok(!text.includes(fragment), `${secret.slice(0, 8)}… logged: ${line.slice(0, 300)}`);
      }
    }
  }
}

describe('no credential reaches a log line, at trace level', () => {
  const { logger, lines } = traceLogger();
  let t: TestApp;
  let port: number;
  let secrets: string[];
  let platformHeader: string;
  let pairHeaders: string;
  let credentialHeaders: string;
  let tenantId: string;
  let apiKey: string;
  before(async () => {
    // With the access log on, so its lines are searched too.
    t = await startTestApp({ logger, config: { accessLog: true } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = portOf(t.app);
    tenantId = await createTenant(t, { plan: 'pro' });
    apiKey = (await createKey(t, tenantId)).key;
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    secrets = [t.platformKey, t.verifierKey, apiKey, pair.apiKey, pair.apiSecret];
    assert.match(t.platformKey, /^pk_live_/);
    platformHeader = `Authorization: Bearer ${t.platformKey}`;
    pairHeaders = `X-Api-Key: ${pair.apiKey}\r\nX-Api-Secret: ${pair.apiSecret}`;
    credentialHeaders = `${platformHeader}\r\n${pairHeaders}`;
  });
  after(() => t.close());

  const request = (method: string, path: string, headers: string, body = '') =>
    exchange(
      port,
      `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${headers}\r\n` +
        (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : '') +
        `\r\n${body}`,
    );

  test('well-formed requests carrying credentials, answered or refused', async () => {
    const answers = [
      await request('GET', '/api/v1/tenants', platformHeader),
      await request('GET', `/api/v1/tenants/${tenantId}/keys`, pairHeaders),
      await request(
        'POST',
        '/api/v1/verify',
        `Authorization: Bearer ${t.verifierKey}`,
        JSON.stringify({ key: apiKey }),
      ),
      await request(
        'POST',
        '/api/v1/verify?x=1',
        `Authorization: Bearer ${t.verifierKey}`,
        JSON.stringify({ key: apiKey }),
      ),
      await request('GET', '/api/v1/whoami', `Authorization: ApiKey ${apiKey}`),
      await request('GET', `/api/v1/whoami?apikey=${apiKey}`, credentialHeaders),
      await request('TRACE', '/api/v1/tenants', credentialHeaders),
      await request('GET', `/nope/${t.platformKey}`, credentialHeaders),
      await request('GET', `/api/v1/tenants/${apiKey}%zz`, credentialHeaders),
      await request('POST', '/api/v1/tenants', credentialHeaders, `{"name":"${apiKey}`),
    ];
    assert.deepEqual(
      answers.map((answer) => Number(answer.slice(9, 12))),
      [200, 200, 200, 200, 200, 400, 405, 404, 400, 400],
    );
    assertNoSecretLogged(lines, secrets);
  });

  test('requests the HTTP parser refuses, with the credentials in their raw bytes', async () => {
    const start = lines.length;
    const answers = [
      await exchange(port, `GET /api/v1/tenants HTTP/1.1\r\n${credentialHeaders}\r\nNot a header\r\n\r\n`),
      await exchange(
        port,
        `GET /api/v1/tenants HTTP/1.1\r\n${credentialHeaders}\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
      ),
      await exchange(
        port,
        `POST /api/v1/tenants HTTP/1.1\r\n${credentialHeaders}\r\nContent-Length: ab\r\n\r\n`,
      ),
      // The verify fast path has the request already when its body turns out not to be valid chunked encoding.
      await exchange(
        port,
        `POST /api/v1/verify HTTP/1.1\r\n${credentialHeaders}\r\nContent-Type: application/json\r\n` +
          `Transfer-Encoding: chunked\r\n\r\nzz\r\n{"key":"${apiKey}"}\r\n0\r\n\r\n`,
      ),
      await exchange(port, `${t.platformKey} ${apiKey}\r\n\r\n`),
    ];
    assert.deepEqual(
      answers.map((answer) => answer.slice(0, 12)),
      ['HTTP/1.1 400', 'HTTP/1.1 431', 'HTTP/1.1 400', 'HTTP/1.1 400', 'HTTP/1.1 400'],
    );
    assertNoSecretLogged(lines, secrets);
    // Each refusal is logged at trace, by its parser code only.
    const refusals = lines.slice(start).map((line) => JSON.parse(line) as { msg: string; code?: string });
    const codes = refusals.filter((entry) => entry.msg === 'client error').map((entry) => entry.code);
    assert.equal(codes.length, 5, JSON.stringify(refusals));
    assert.ok(codes.includes('HPE_HEADER_OVERFLOW'));
  });
});

describe('the logger never writes an error’s raw packet', () => {
  test('not at the top level, not inside an AggregateError, and the error keeps it', () => {
    const { logger, lines } = traceLogger();
    const secret = 'pk_live_SecretThatMustNotBeLoggedAnywhere0123';
    const rawPacket = Buffer.from(`GET / HTTP/1.1\r\nAuthorization: Bearer ${secret}\r\n\r\n`);
    const parserError = Object.assign(new Error('Parse Error: Invalid header token'), {
      code: 'HPE_INVALID_HEADER_TOKEN',
      rawPacket,
    });
    logger.trace({ err: parserError }, 'client error');
    logger.error(parserError);
    logger.error({ err: new AggregateError([parserError], 'several') }, 'failed');
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, /HPE_INVALID_HEADER_TOKEN/);
    assertNoSecretLogged(lines, [secret]);
    assert.equal(parserError.rawPacket, rawPacket);
  });
});
