/**
 * Portcullis' own webhook events. All but `webhook.ping` and the notices (`key.expiring`, `key.expired`,
 * `ratelimit.exceeded`) come from the outbox: the activity a unit of work committed.
 */
export const lifecycleEventTypes = {
  'key.created': 'An API key was issued',
  'key.revoked': 'An API key was revoked',
  'key.rolled': 'An API key got a new secret',
  'key.updated': "An API key's settings changed (name, scopes, expiry, allowlist, meta, external id, rate)",
  'key.expiring': 'An API key expires soon (webhooks.keyExpiringDays before)',
  'key.expired': 'An API key reached its expiry',
  'client.created': 'An API client was created',
  'client.secret_rotated': "An API client's secret was rotated",
  'client.suspended': 'An API client was suspended',
  'client.deleted': 'An API client was deleted',
  'member.added': 'A person joined the tenant',
  'member.removed': 'A person left the tenant',
  'tenant.plan_changed': "The tenant's plan changed",
  'ratelimit.exceeded': 'An API key went over its rate limit (at most once per key per window)',
  'webhook.ping': 'A test delivery, sent on request to one endpoint',
} as const;

export type LifecycleEventType = keyof typeof lifecycleEventTypes;

export function isLifecycleEventType(type: string): type is LifecycleEventType {
  return Object.hasOwn(lifecycleEventTypes, type);
}

/** An event type: dot-separated lowercase words (`booking.created`). */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** What an endpoint subscribes to: an event type, a prefix pattern (`key.*`, `booking.*`) or `*` for all. */
export const EVENT_FILTER_PATTERN =
  /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;

/** Whether `filter` (a type, `prefix.*` or `*`) takes events of `type`; `prefix.*` takes every `prefix.…`. */
export function filterMatches(filter: string, type: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));
  return filter === type;
}

export function subscribesTo(filters: readonly string[], type: string): boolean {
  return filters.some((filter) => filterMatches(filter, type));
}
