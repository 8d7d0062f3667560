import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type ErrorCode, errorRegistry } from '../../src/core/errors.ts';
import { SECURITY_HEADERS } from '../../src/http/security-headers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { exchange, parseRawResponse, portOf } from './raw-http-support.ts';

/** Asserts a complete raw response: the status line, problem+json, security headers, close, and the code. */
function assertRawProblem(text: string, statusLine: string, code: ErrorCode): void {
  const response = parseRawResponse(text);
  assert.equal(response.statusLine, statusLine);
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(response.headers.get('connection'), 'close');
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    assert.equal(response.headers.get(name), value);
  assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(response.body)));
  const problem = JSON.parse(response.body);
  assert.equal(problem.code, code);
  assert.equal(problem.status, errorRegistry[code].status);
  assert.equal(problem.title, errorRegistry[code].title);
  assert.equal(problem.type, `/docs/errors#${code}`);
}

/** Node's default limit on the whole header section (`--max-http-header-size`). */
const MAX_HEADER_BYTES = 16 * 1024;

describe('requests the HTTP parser refuses, over real TCP', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = portOf(t.app);
  });
  after(() => t.close());

  test('garbage bytes are a 400 bad_request problem, and the connection is closed', async () => {
    const text = await exchange(port, 'hello, is this HTTP?\r\n\r\n');
    assertRawProblem(text, 'HTTP/1.1 400 Bad Request', 'bad_request');
  });

  test('an invalid header line is a 400 bad_request problem', async () => {
    const text = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n\r\n');
    assertRawProblem(text, 'HTTP/1.1 400 Bad Request', 'bad_request');
  });

  test('a header section over the limit is a 431 headers_too_large problem (RFC 6585 §5)', async () => {
    const big = 'a'.repeat(MAX_HEADER_BYTES + 1024);
    const text = await exchange(port, `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${big}\r\n\r\n`);
    assertRawProblem(text, 'HTTP/1.1 431 Request Header Fields Too Large', 'headers_too_large');
  });

  test('a bad request after a good one on the same connection: 200, then the 400 problem', async () => {
    const text = await new Promise<string>((resolve) => {
      let received = '';
      let sentSecond = false;
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n'),
      );
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
        // The first answer is complete: send a malformed request on the kept-alive connection.
        if (!sentSecond && received.endsWith('{"status":"ok"}')) {
          sentSecond = true;
          socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad\r\n\r\n');
        }
      });
      socket.on('close', () => resolve(received));
    });
    const second = text.indexOf('HTTP/1.1 400');
    assert.ok(text.startsWith('HTTP/1.1 200 OK') && second > 0, text);
    assertRawProblem(text.slice(second), 'HTTP/1.1 400 Bad Request', 'bad_request');
  });

  /** The server's end of a fresh connection, with the client's end reading everything it is sent. */
  async function connection(): Promise<{ server: Socket; received: Promise<string> }> {
    const accepted = new Promise<Socket>((resolve) => t.app.server.once('connection', resolve));
    const received = exchange(port, '');
    return { server: await accepted, received };
  }

  test('a request timeout is a 408 request_timeout problem', async () => {
    // Node emits this when the headers or body do not arrive within the server's request timeout.
    const { server, received } = await connection();
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    t.app.server.emit('clientError', timeout, server);
    assertRawProblem(await received, 'HTTP/1.1 408 Request Timeout', 'request_timeout');
  });

  test('a reset connection is left alone: nothing is written to it', async () => {
    const { server, received } = await connection();
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    t.app.server.emit('clientError', reset, server);
    assert.equal(server.bytesWritten, 0);
    assert.equal(server.destroyed, false);
    server.destroy();
    assert.equal(await received, '');
  });
});
