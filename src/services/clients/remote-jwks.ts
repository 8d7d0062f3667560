import { type ClientJwks, checkClientJwks, jwksUriProblem } from '../../core/client-jwks.ts';
import type { ServiceContext } from '../context.ts';
import { type Fetched, FetchedCache, perNode } from '../outbound/fetched-cache.ts';
import { DocumentError, fetchDocument } from '../outbound/fetched-document.ts';

/**
 * A client's keys published at its `jwks_uri` (RFC 7591 §2, decision 035), fetched like a metadata document
 * (decision 031): through the SSRF guard, under `oauth.clientMetadataDocuments`' network settings, cache time
 * and per-host budget, one fetch per URL at a time, cached per node.
 */
export type RemoteJwks = { ok: true; jwks: ClientJwks } | { ok: false; problem: string };

/** A key set may be larger than a metadata document: ten RSA keys of 4,096 bits are about 8 KB. */
const MAX_JWKS_BYTES = 16 * 1024;
const NEGATIVE_CACHE_MS = 30_000;
/** An unknown `kid` refetches the set, but not more often than this per URL. */
const MIN_REFRESH_MS = 30_000;
const MAX_ENTRIES = 1000;

/** This node's fetched key sets, one fetch per URL at a time. */
const jwksCache = perNode(() => new FetchedCache<RemoteJwks>(MAX_ENTRIES));

async function fetchUncached(context: ServiceContext, uri: string): Promise<Fetched<RemoteJwks>> {
  const settings = context.oauth.clientMetadataDocuments;
  const negative = Math.min(NEGATIVE_CACHE_MS, settings.cacheSeconds * 1000);
  const limit = await context.rateLimiter.consume(
    `client-jwks:${new URL(uri).host}`,
    settings.perHostPerMinute,
    context.clock.now(),
  );
  if (!limit.allowed) return { value: { ok: false, problem: 'its host was asked too often' }, ttlMs: 0 };
  try {
    const { body, ttlMs } = await fetchDocument(new URL(uri), { ...settings, maxBytes: MAX_JWKS_BYTES });
    const checked = checkClientJwks(body);
    return checked.ok
      ? { value: { ok: true, jwks: checked.jwks }, ttlMs }
      : { value: { ok: false, problem: checked.message }, ttlMs: Math.min(ttlMs, negative) };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return { value: { ok: false, problem: error.message }, ttlMs: negative };
  }
}

/**
 * The key set at `uri`, from this node's cache or fetched now. `refresh` (an assertion named a `kid` the cached
 * set lacks: the client rotated) fetches again unless the cached set is younger than 30 s.
 */
export async function remoteClientJwks(
  context: ServiceContext,
  uri: string,
  refresh = false,
): Promise<RemoteJwks> {
  const problem = jwksUriProblem(uri, context.oauth.clientMetadataDocuments.allowHttp);
  if (problem) return { ok: false, problem };
  const cache = jwksCache(context);
  const now = context.clock.now();
  const cached = cache.get(uri, now);
  if (cached && !(refresh && now - cached.fetchedAt >= MIN_REFRESH_MS)) return cached.value;
  const fetched = await cache.load(uri, () => fetchUncached(context, uri));
  // A refresh that failed (host down, budget spent) keeps the set still in date.
  if (!fetched.value.ok && cached?.value.ok) return cached.value;
  cache.remember(uri, fetched, context.clock.now());
  return fetched.value;
}
