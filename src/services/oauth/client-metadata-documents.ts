import {
  type ClientMetadataDocument,
  checkDocument,
  documentUrlProblem,
  MAX_DOCUMENT_BYTES,
} from '../../core/client-metadata-document.ts';
import type { ServiceContext } from '../context.ts';
import { type Fetched, FetchedCache, perNode } from '../outbound/fetched-cache.ts';
import { DocumentError, fetchDocument } from '../outbound/fetched-document.ts';

export type DocumentResolution =
  | { ok: true; document: ClientMetadataDocument }
  | { ok: false; problem: string };

/** A refused or unreachable document is remembered this long at most, so a broken client cannot hammer it. */
const NEGATIVE_CACHE_MS = 30_000;
/** Documents remembered per node; past this the oldest entry goes. */
const MAX_ENTRIES = 1000;

/** This node's fetched documents, one fetch per URL at a time. */
const documentCache = perNode(() => new FetchedCache<DocumentResolution>(MAX_ENTRIES));

async function resolveUncached(context: ServiceContext, url: string): Promise<Fetched<DocumentResolution>> {
  const settings = context.oauth.clientMetadataDocuments;
  const negative = Math.min(NEGATIVE_CACHE_MS, settings.cacheSeconds * 1000);
  const limit = await context.rateLimiter.consume(
    `client-metadata:${new URL(url).host}`,
    settings.perHostPerMinute,
    context.clock.now(),
  );
  if (!limit.allowed) {
    return {
      value: {
        ok: false,
        problem: `the client's metadata document cannot be used: its host was asked too often; retry in ${limit.retryAfterSeconds} s`,
      },
      ttlMs: 0,
    };
  }
  try {
    const { body, ttlMs } = await fetchDocument(new URL(url), { ...settings, maxBytes: MAX_DOCUMENT_BYTES });
    const checked = checkDocument(url, body, settings.allowHttp);
    return checked.ok
      ? { value: checked, ttlMs }
      : {
          value: {
            ok: false,
            problem: `the client's metadata document cannot be used: ${checked.problem}`,
          },
          ttlMs: Math.min(ttlMs, negative),
        };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return {
      value: { ok: false, problem: `the client's metadata document cannot be used: ${error.message}` },
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
  const cache = documentCache(context);
  const cached = cache.get(url, context.clock.now());
  if (cached) return cached.value;
  const fetched = await cache.load(url, () => resolveUncached(context, url));
  cache.remember(url, fetched, context.clock.now());
  return fetched.value;
}
