/**
 * The lifecycle of an API client (seed 002): `active` ⇄ `suspended` by an admin; `expired` once its expiry
 * date passes, which nothing undoes; `deleted` for good. Only `active` clients get tokens.
 */
export const clientStatuses = ['active', 'suspended', 'expired', 'deleted'] as const;
export type ClientStatus = (typeof clientStatuses)[number];

/** What is stored: `expired` is never written, it follows from the expiry date and the clock. */
type StoredClientStatus = Exclude<ClientStatus, 'expired'>;

/** The status a client has at `now`. Deletion wins over expiry, and expiry over suspension. */
export function clientStatusAt(
  client: { status: StoredClientStatus; expiresAt: number | null },
  now: number,
): ClientStatus {
  if (client.status === 'deleted') return 'deleted';
  if (client.expiresAt !== null && client.expiresAt <= now) return 'expired';
  return client.status;
}

/** Longest expiry a client can be created with, in days (ten years). */
export const MAX_CLIENT_EXPIRY_DAYS = 3650;
