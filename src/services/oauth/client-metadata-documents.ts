import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  type ClientMetadataDocument,
  checkDocument,
  documentUrlProblem,
  MAX_DOCUMENT_BYTES,
} from '../../core/client-metadata-document.ts';
import { isForbiddenAddress } from '../../core/network-guard.ts';
import type { ServiceContext } from '../context.ts';
import { guardedLookup } from '../outbound/guarded-lookup.ts';
import { hostOf } from '../webhooks/target.ts';

export type DocumentResolution =
  | { ok: true; document: ClientMetadataDocument }
  | { ok: false; problem: string };

/** A refused or unreachable document is remembered this long at most, so a broken client cannot hammer it. */
const NEGATIVE_CACHE_MS = 30_000;
/** Documents remembered per node; past this the oldest entry goes. */
const MAX_ENTRIES = 1000;

interface Entry {
  resolution: DocumentResolution;
  expiresAt: number;
}

/** The per-node cache of one service context (one node): fetched documents and fetches under way. */
interface DocumentCache {
  entries: Map<string, Entry>;
  inFlight: Map<string, Promise<{ resolution: DocumentResolution; ttlMs: number }>>;
}

const caches = new WeakMap<ServiceContext, DocumentCache>();

function cacheOf(context: ServiceContext): DocumentCache {
  let cache = caches.get(context);
  if (!cache) {
    cache = { entries: new Map(), inFlight: new Map() };
    caches.set(context, cache);
  }
  return cache;
}

/** Why a fetched JSON document could not be used; its message completes "… cannot be used: ". */
export class DocumentError extends Error {}

/** How long a response may be reused: `cacheSeconds`, less when `Cache-Control` says so. */
function ttlOf(response: IncomingMessage, cacheSeconds: number): number {
  const header = response.headers['cache-control'] ?? '';
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(header)) return 0;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d{1,9})"?/i.exec(header);
  const seconds = maxAge ? Math.min(Number(maxAge[1]), cacheSeconds) : cacheSeconds;
  return seconds * 1000;
}

/**
 * GET a JSON document through the SSRF guard: no redirects, a JSON type, at most `maxBytes` (a metadata
 * document's 5 KB unless given), within `timeoutMs`. Also fetches a client's `jwks_uri` (decision 035).
 */
export async function fetchDocument(
  url: URL,
  settings: { allowPrivateNetworks: boolean; timeoutMs: number; cacheSeconds: number; maxBytes?: number },
): Promise<{ body: unknown; ttlMs: number }> {
  const maxBytes = settings.maxBytes ?? MAX_DOCUMENT_BYTES;
  const tooLarge = `it is larger than ${Math.floor(maxBytes / 1024)} KB`;
  const lookup = settings.allowPrivateNetworks ? undefined : guardedLookup;
  const host = hostOf(url);
  if (lookup) {
    if (isIP(host) !== 0 && isForbiddenAddress(host))
      throw new DocumentError('its address is private, loopback or link-local');
    if (host === 'localhost' || host.endsWith('.localhost'))
      throw new DocumentError('its address is private, loopback or link-local');
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(settings.timeoutMs);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = send(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      agent: false,
      signal,
      ...(lookup ? { lookup } : {}),
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  }).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    const name = (error as { name?: unknown }).name;
    if (code === 'EFORBIDDENADDRESS')
      throw new DocumentError('its address is private, loopback or link-local');
    if (name === 'AbortError' || name === 'TimeoutError')
      throw new DocumentError('it took too long to answer');
    throw new DocumentError('it could not be fetched');
  });
  try {
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) throw new DocumentError('it redirects (redirects are not followed)');
    if (status !== 200) throw new DocumentError(`it answered HTTP ${status}`);
    const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type))
      throw new DocumentError('it is not served as application/json');
    const declared = Number(response.headers['content-length']);
    if (declared > maxBytes) throw new DocumentError(tooLarge);
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of response) {
      length += (chunk as Buffer).length;
      if (length > maxBytes) throw new DocumentError(tooLarge);
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new DocumentError('it is not valid JSON');
    }
    return { body, ttlMs: ttlOf(response, settings.cacheSeconds) };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    const name = (error as { name?: unknown }).name;
    throw new DocumentError(
      name === 'AbortError' || name === 'TimeoutError'
        ? 'it took too long to answer'
        : 'it could not be read',
    );
  } finally {
    response.destroy();
  }
}

async function resolveUncached(
  context: ServiceContext,
  url: string,
): Promise<{ resolution: DocumentResolution; ttlMs: number }> {
  const settings = context.oauth.clientMetadataDocuments;
  const negative = Math.min(NEGATIVE_CACHE_MS, settings.cacheSeconds * 1000);
  const limit = await context.rateLimiter.consume(
    `client-metadata:${new URL(url).host}`,
    settings.perHostPerMinute,
    context.clock.now(),
  );
  if (!limit.allowed) {
    return {
      resolution: {
        ok: false,
        problem: `the client's metadata document cannot be used: its host was asked too often; retry in ${limit.retryAfterSeconds} s`,
      },
      ttlMs: 0,
    };
  }
  try {
    const { body, ttlMs } = await fetchDocument(new URL(url), settings);
    const checked = checkDocument(url, body, settings.allowHttp);
    return checked.ok
      ? { resolution: checked, ttlMs }
      : {
          resolution: {
            ok: false,
            problem: `the client's metadata document cannot be used: ${checked.problem}`,
          },
          ttlMs: Math.min(ttlMs, negative),
        };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return {
      resolution: { ok: false, problem: `the client's metadata document cannot be used: ${error.message}` },
      ttlMs: negative,
    };
  }
}

/**
 * The metadata document a `client_id` URL names, from this node's cache or fetched now (one fetch per URL
 * at a time). Only when `oauth.clientMetadataDocuments.enabled`. The URL must qualify first (§3), so
 * nothing is fetched for a malformed one.
 */
export async function resolveClientMetadataDocument(
  context: ServiceContext,
  url: string,
): Promise<DocumentResolution> {
  const settings = context.oauth.clientMetadataDocuments;
  if (!settings.enabled) return { ok: false, problem: 'client metadata documents are not accepted here' };
  const problem = documentUrlProblem(url, settings.allowHttp);
  if (problem) return { ok: false, problem: `a client_id URL ${problem}` };
  const cache = cacheOf(context);
  const now = context.clock.now();
  const cached = cache.entries.get(url);
  if (cached && cached.expiresAt > now) return cached.resolution;
  cache.entries.delete(url);
  let pending = cache.inFlight.get(url);
  if (!pending) {
    pending = resolveUncached(context, url).finally(() => cache.inFlight.delete(url));
    cache.inFlight.set(url, pending);
  }
  const { resolution, ttlMs } = await pending;
  if (ttlMs > 0 && !cache.entries.has(url)) {
    if (cache.entries.size >= MAX_ENTRIES) {
      const oldest = cache.entries.keys().next().value;
      if (oldest !== undefined) cache.entries.delete(oldest);
    }
    cache.entries.set(url, { resolution, expiresAt: context.clock.now() + ttlMs });
  }
  return resolution;
}
