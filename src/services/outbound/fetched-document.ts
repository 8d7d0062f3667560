import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, isForbiddenAddress } from '../../core/network-guard.ts';
import { guardedLookup } from './guarded-lookup.ts';

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
 * GET a JSON document from elsewhere through the SSRF guard: no redirects, a JSON type, at most `maxBytes`,
 * within `timeoutMs`; how long it may be reused follows `Cache-Control` within `cacheSeconds`. Client metadata
 * documents (decision 031) and clients' `jwks_uri` (decision 035) are fetched with it.
 */
export async function fetchDocument(
  url: URL,
  settings: { allowPrivateNetworks: boolean; timeoutMs: number; cacheSeconds: number; maxBytes: number },
): Promise<{ body: unknown; ttlMs: number }> {
  const { maxBytes } = settings;
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
