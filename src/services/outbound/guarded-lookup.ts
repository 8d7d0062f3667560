import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { isForbiddenAddress } from '../../core/network-guard.ts';

// The SSRF guard of every request the server makes to an address someone else chose: webhook deliveries and
// Client ID Metadata Documents.

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The connection's name resolution: every address the name resolves to is checked, and the socket connects
 * to one of the checked addresses (no second resolution a rebinding DNS server could answer differently).
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const first = list[0];
    if (!first || list.some((entry) => isForbiddenAddress(entry.address))) {
      return callback(new ForbiddenAddressError('forbidden address'), []);
    }
    if (options.all) callback(null, list);
    else callback(null, first.address, first.family);
  });
}
