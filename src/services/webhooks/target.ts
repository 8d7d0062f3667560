import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PortcullisError } from '../../core/errors.ts';
import { hostOf, isForbiddenAddress } from '../../core/network-guard.ts';

export const MAX_URL_LENGTH = 2048;

function refused(detail: string): PortcullisError {
  return new PortcullisError('validation_failed', detail, { extensions: { field: 'url' } });
}

/**
 * Checks an endpoint URL at registration: http(s), no credentials in it, and (unless private networks are
 * allowed) a host that is not, and does not resolve to, a loopback, private, link-local, CGNAT or metadata
 * address. A name that does not resolve now is accepted: delivery checks again, on every connection.
 */
export async function checkTargetUrl(text: string, allowPrivateNetworks: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused('url must use http or https');
  if (url.username || url.password) throw refused('url must not carry credentials');
  if (url.hash) throw refused('url must not have a fragment');
  if (allowPrivateNetworks) return url.href;
  const host = hostOf(url);
  if (isIP(host) !== 0) {
    if (isForbiddenAddress(host)) throw refused('url points to a private, loopback or link-local address');
    return url.href;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw refused('url points to a private, loopback or link-local address');
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return url.href;
  }
  if (addresses.some((entry) => isForbiddenAddress(entry.address))) {
    throw refused('url resolves to a private, loopback or link-local address');
  }
  return url.href;
}
