import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, isForbiddenAddress } from '../../core/network-guard.ts';
import { ForbiddenAddressError, guardedLookup } from '../outbound/guarded-lookup.ts';

/** What one attempt came to. `statusCode` null: no response (refused, timed out, forbidden address). */
export interface SendResult {
  statusCode: number | null;
  /** `Retry-After` of a 429 or 503, in milliseconds. */
  retryAfterMs: number | null;
  /** The first bytes of the response body, as text. */
  excerpt: string | null;
  /** Why there was no response, in a few fixed words. */
  error: string | null;
  latencyMs: number;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Outbound HTTP for deliveries: a production sender and, in tests, the same one against loopback. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<SendResult>;
  close(): void;
}

/** The longest part of a response body read and kept. */
const EXCERPT_BYTES = 1024;

/** `Retry-After` (RFC 9110 §10.2.3): seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown; name?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ABORT_ERR') return 'timed out';
  switch (code) {
    case 'EFORBIDDENADDRESS':
      return 'the address is private, loopback or link-local';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
      return 'timed out';
    default:
      return typeof code === 'string' && code.startsWith('ERR_TLS') ? 'TLS failed' : 'request failed';
  }
}

function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      // Enough read: the rest is not kept, and the connection is not reused.
      if (length >= EXCERPT_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

/**
 * Sends deliveries over node:http(s) with keep-alive. Redirects are not followed (a 3xx is a failure); the
 * whole attempt, body included, has `timeoutMs`. Unless private networks are allowed, an address literal is
 * checked before connecting and a name at each connection (`guardedLookup`).
 */
export function httpSender(options: { allowPrivateNetworks: boolean; now?: () => number }): WebhookSender {
  const now = options.now ?? Date.now;
  const lookup = options.allowPrivateNetworks ? undefined : guardedLookup;
  const httpAgent = new HttpAgent({ keepAlive: true, ...(lookup ? { lookup } : {}) });
  const httpsAgent = new HttpsAgent({ keepAlive: true, ...(lookup ? { lookup } : {}) });
  return {
    async send(request) {
      const started = performance.now();
      const finish = (result: Omit<SendResult, 'latencyMs'>): SendResult => ({
        ...result,
        latencyMs: Math.round(performance.now() - started),
      });
      const url = new URL(request.url);
      const host = hostOf(url);
      if (lookup && isIP(host) !== 0 && isForbiddenAddress(host)) {
        return finish({
          statusCode: null,
          retryAfterMs: null,
          excerpt: null,
          error: describeError(new ForbiddenAddressError()),
        });
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      try {
        const response = await new Promise<IncomingMessage>((resolve, reject) => {
          const outgoing = send(url, {
            method: 'POST',
            headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
            agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
            signal: AbortSignal.timeout(request.timeoutMs),
            ...(lookup ? { lookup } : {}),
          });
          outgoing.on('response', resolve);
          outgoing.on('error', reject);
          outgoing.end(request.body);
        });
        const excerpt = await readExcerpt(response);
        const statusCode = response.statusCode ?? 0;
        const retryAfter = response.headers['retry-after'];
        return finish({
          statusCode,
          retryAfterMs:
            statusCode === 429 || statusCode === 503
              ? parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now())
              : null,
          excerpt,
          error: null,
        });
      } catch (error) {
        return finish({ statusCode: null, retryAfterMs: null, excerpt: null, error: describeError(error) });
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
