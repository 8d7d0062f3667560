import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent, type ClientRequest, request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SECURITY_HEADERS } from '../../src/http/security-headers.ts';
import { verifyResultSchema } from '../../src/services/verification/result.ts';
import { openRedis, type RedisConnection } from '../../src/store/redis.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startRedis } from '../support/redis.ts';
import { suitePlans } from '../support/vocabulary.ts';
import { portOf } from './raw-http-support.ts';
import { unknownKey } from './support.ts';
import { type Arranged, outcomeCases, type StreamedBody, type VerifyRequest } from './verify-cases.ts';
import { bodyCases, callerCases } from './verify-request-cases.ts';

/**
 * `POST /api/v1/verify` has one pipeline behind two entry points (src/http/verify-pipeline.ts): the raw
 * listener that answers the exact path over HTTP before the framework (src/http/fast-verify.ts), and the
 * framework's route, which `inject()` reaches. Every case (verify-cases.ts, verify-request-cases.ts) goes
 * through both, the route first, and the two answers must be the same: status, content type, security and
 * challenge headers, and the body byte for byte — but for the rate-limit state, which each call spends (see
 * assertSame). The route's call is each credential's first, read from the store, and the listener's is
 * answered from the caches, so a cached answer is shown to equal a read one too.
 */

/** What an entry point answered. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Whether the answer closes its connection (`Connection: close`). */
  closes: boolean;
}

/** Headers each transport sets its own way: the date, keep-alive framing and the length of the body. */
const TRANSPORT_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
]);

function* chunksOf(body: StreamedBody): Generator<Buffer> {
  yield Buffer.from(body.head);
  for (let chunk = 0; chunk < body.count; chunk++) yield body.filler;
  if (body.tail !== undefined) yield Buffer.from(body.tail);
}

const streamedBytes = (body: StreamedBody) =>
  Buffer.byteLength(body.head) + body.filler.length * body.count + Buffer.byteLength(body.tail ?? '');

/** The request's headers plus its framing, the same for both: a length, or chunked for a streamed body. */
function framed(sent: VerifyRequest): Record<string, string> {
  if (typeof sent.body !== 'string') return { ...sent.headers, 'transfer-encoding': 'chunked' };
  return { ...sent.headers, 'content-length': String(Buffer.byteLength(sent.body)) };
}

function answerOf(status: number, headers: Record<string, unknown>, text: string): Answer {
  const kept = Object.entries(headers).filter(([name]) => !TRANSPORT_HEADERS.has(name));
  assert.equal(headers['content-length'], String(Buffer.byteLength(text)), 'the length sent is the body’s');
  return {
    status,
    headers: Object.fromEntries(kept.map(([name, value]) => [name, String(value)])),
    text,
    closes: headers.connection === 'close',
  };
}

/** Through the framework's route, in process. */
async function viaRoute(t: TestApp, sent: VerifyRequest): Promise<Answer> {
  const payload =
    typeof sent.body === 'string' ? sent.body : Readable.from(chunksOf(sent.body), { objectMode: false });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: framed(sent),
    payload,
  });
  return answerOf(response.statusCode, response.headers, response.body);
}

/** Over HTTP to exactly `/api/v1/verify`: the listener's fast path. */
interface ListenerAnswer extends Answer {
  /** For a streamed body: bytes not yet handed to the socket when the answer's head arrived. */
  unsentWhenAnswered: number;
  reusedSocket: boolean;
}

async function viaListener(port: number, agent: Agent, sent: VerifyRequest): Promise<ListenerAnswer> {
  const call: ClientRequest = httpRequest({
    host: '127.0.0.1',
    port,
    agent,
    method: 'POST',
    path: '/api/v1/verify',
    headers: framed(sent),
  });
  // A 413 closes the connection while the client may still be writing: its writes then fail (EPIPE).
  let writeFailed = false;
  call.on('error', () => {
    writeFailed = true;
  });
  const finished = new Promise<void>((resolve) => {
    call.once('finish', resolve);
    call.once('close', resolve);
  });
  let unsent = typeof sent.body === 'string' ? 0 : streamedBytes(sent.body);
  const answered = once(call, 'response').then(async ([response]) => {
    const unsentWhenAnswered = unsent;
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return { response, unsentWhenAnswered, text: Buffer.concat(chunks).toString('utf8') };
  });
  if (typeof sent.body === 'string') call.end(sent.body);
  else {
    // One chunk at a time, each once the last is with the socket, so what is unsent is still with us. (Not
    // by the request's 'drain': Node's client did not pass the socket's on once the answer had ended.)
    for (const chunk of chunksOf(sent.body)) {
      const error = await new Promise((resolve) => call.write(chunk, resolve));
      if (error || writeFailed) break;
      unsent -= chunk.length;
    }
    if (!writeFailed) call.end();
  }
  const { response, unsentWhenAnswered, text } = await answered;
  await finished;
  const answer = answerOf(response.statusCode ?? 0, response.headers, text);
  return { ...answer, unsentWhenAnswered, reusedSocket: call.reusedSocket };
}

/** The caller's secrets in a request: the credential after the scheme, and a key pair's secret. */
function callerSecrets(sent: VerifyRequest): string[] {
  const secrets = [sent.headers['x-api-secret'], sent.headers.authorization?.split(' ')[1]];
  return secrets.filter((secret): secret is string => secret !== undefined && secret.length > 0);
}

function assertExpected(arranged: Arranged, answer: Answer, entry: string): void {
  assert.equal(answer.status, arranged.status, `${entry}: ${answer.text}`);
  const type = arranged.status === 200 ? /^application\/json/ : /^application\/problem\+json/;
  assert.match(answer.headers['content-type'] ?? '', type, entry);
  assert.partialDeepStrictEqual(answer.headers, { ...SECURITY_HEADERS }, entry);
  for (const [name, value] of Object.entries(arranged.headers ?? {})) {
    assert.match(answer.headers[name] ?? '', value, `${entry}: ${name}`);
  }
  assert.partialDeepStrictEqual(JSON.parse(answer.text), arranged.body, entry);
  if (arranged.status === 200) {
    // The bytes on the wire are the documented answer: the schema keeps every field, and nothing else.
    const sent = JSON.parse(answer.text);
    assert.deepEqual(verifyResultSchema.parse(sent), sent, `${entry}: the answer is verifyResultSchema's`);
  }
  for (const secret of [...callerSecrets(arranged.request), ...(arranged.secrets ?? [])]) {
    assert.equal(answer.text.includes(secret), false, `${entry}: the answer echoes a secret`);
  }
}

type RateLimit = { limit: number; remaining: number; resetSeconds: number };

/**
 * The same answer from both, but for the rate limit: the listener's call, the second, has one fewer left (none
 * once none is left) and as long or longer until the bucket is full again; the rest is the same byte for byte.
 */
function assertSame(route: Answer, listener: Answer): void {
  assert.equal(listener.status, route.status);
  assert.deepEqual(listener.headers, route.headers);
  const limitOf = (answer: Answer) => (JSON.parse(answer.text) as { ratelimit?: RateLimit }).ratelimit;
  const [first, second] = [limitOf(route), limitOf(listener)];
  if (first === undefined || second === undefined) {
    assert.equal(listener.text, route.text);
    return;
  }
  assert.equal(second.limit, first.limit);
  assert.equal(second.remaining, Math.max(0, first.remaining - 1), 'each call spends one');
  assert.ok(second.resetSeconds >= first.resetSeconds, 'a spent call never brings the reset nearer');
  const firstText = JSON.stringify(first);
  assert.ok(route.text.includes(firstText));
  assert.equal(listener.text.replace(JSON.stringify(second), firstText), route.text);
}

// The suite runs twice: rate limits in memory (each step answers at once), and shared in a real Redis, where
// the limit is the one step that waits (the pipeline's promise path).
const redis = await startRedis();
after(() => redis?.stop());

for (const limits of ['memory', 'redis'] as const) {
  const skip = limits === 'redis' && !redis && 'redis-server is not available';
  describe(`POST /api/v1/verify: the same answer through the route and the fast path (${limits} limits)`, {
    skip,
  }, () => {
    let t: TestApp;
    let port: number;
    let connection: RedisConnection | undefined;
    // One connection for every call, so each case also shows the connection survives its answer, but a 413's,
    // which the server closes so as not to read what the client still sends.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    before(async () => {
      const tiny = { id: 'tiny', name: 'Tiny', scopes: ['bookings:read'], requestsPerMinute: 2 };
      if (limits === 'redis' && redis) connection = await openRedis(redis.url, { commandTimeoutMs: 1_000 });
      t = await startTestApp({
        config: { plans: [...suitePlans, tiny] },
        ...(connection ? { redis: connection } : {}),
      });
      if (limits === 'redis') assert.equal(t.context.sharedLimits?.state(), 'shared');
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      port = portOf(t.app);
    });
    after(async () => {
      agent.destroy();
      await t.close();
      await connection?.close();
    });

    for (const verifyCase of [...outcomeCases, ...bodyCases, ...callerCases]) {
      it(verifyCase.name, async () => {
        const arranged = await verifyCase.arrange(t);
        const route = await viaRoute(t, arranged.request);
        const listener = await viaListener(port, agent, arranged.request);
        assertExpected(arranged, route, 'route');
        assertExpected(arranged, listener, 'fast path');
        assertSame(route, listener);
        if (typeof arranged.request.body !== 'string' && arranged.status === 413) {
          const total = streamedBytes(arranged.request.body);
          assert.ok(
            listener.unsentWhenAnswered > total / 2,
            'the 413 came while most of the body was unsent',
          );
        }
        const closes = arranged.status === 413;
        for (const [entry, answer] of [
          ['route', route],
          ['fast path', listener],
        ] as const) {
          assert.equal(answer.closes, closes, `${entry}: Connection: close`);
        }
        // The connection that carried the case carries the next call, unless it was closed.
        const next = await viaListener(port, agent, {
          headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ key: unknownKey('sk') }),
        });
        assert.deepEqual(
          [next.status, JSON.parse(next.text), next.reusedSocket],
          [200, { valid: false, code: 'not_found' }, !closes],
        );
      });
    }
  });
}
