import assert from 'node:assert/strict';
import { PortcullisError } from '../../../src/core/errors.ts';
import type { ApiKey, ApiKeySecret, KeyForVerification, Store, Tenant } from '../../../src/store/index.ts';

/** 2030-01-01T00:00:00Z. Every row is written at a fixed time counted from here. */
export const T0 = Date.UTC(2030, 0, 1);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

/** What each part of the contract gets from `storeContract`. */
export interface ContractContext {
  /** The store under test, opened in the suite's `before`. */
  store(): Store;
}

let sequence = 0;

/**
 * An id no other test in this process uses, so tests never depend on each other's rows or order.
 * Ids from one call site differ only in their trailing digits, so any collation orders them alike.
 */
export function uniqueId(label: string): string {
  sequence += 1;
  return `${label}_${sequence.toString().padStart(6, '0')}`;
}

export async function createTenant(store: Store, overrides: Partial<Tenant> = {}): Promise<Tenant> {
  const tenant: Tenant = {
    id: uniqueId('tenant'),
    name: 'Acme',
    planId: 'free',
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
  await store.tenants.insert(tenant);
  return tenant;
}

export function newKey(tenantId: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: uniqueId('key'),
    tenantId,
    name: 'CI deploys',
    mode: 'live',
    type: 'restricted',
    scopes: ['keys:read', 'usage:read'],
    ipAllowlist: null,
    displayPrefix: 'pk_live_ab12',
    createdAt: T0,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    previousSecretExpiresAt: null,
    meta: null,
    externalId: null,
    rateLimitPerMinute: null,
    credits: null,
    appId: null,
    ...overrides,
  };
}

export function newSecret(overrides: Partial<ApiKeySecret> = {}): ApiKeySecret {
  return { secretHash: uniqueId('hash'), pepperVersion: 1, createdAt: T0, expiresAt: null, ...overrides };
}

/** Inserts a key with its first secret, far below any limit. */
export async function issueKey(
  store: Store,
  tenantId: string,
  keyOverrides: Partial<ApiKey> = {},
  secretOverrides: Partial<ApiKeySecret> = {},
): Promise<{ key: ApiKey; secret: ApiKeySecret }> {
  const key = newKey(tenantId, keyOverrides);
  const secret = newSecret({ createdAt: key.createdAt, ...secretOverrides });
  assert.deepEqual(await store.apiKeys.insertWithinLimit(key, secret, 1000, T0), { inserted: true });
  return { key, secret };
}

/** The joined row verification reads, as the store should return it for one secret of a key. */
export function verificationOf(
  key: ApiKey,
  tenant: Tenant,
  secretExpiresAt: number | null,
): KeyForVerification {
  return {
    key_id: key.id,
    tenant_id: key.tenantId,
    secret_expires_at: secretExpiresAt,
    mode: key.mode,
    type: key.type,
    scopes: key.scopes === null ? null : JSON.stringify(key.scopes),
    ip_allowlist: key.ipAllowlist === null ? null : JSON.stringify(key.ipAllowlist),
    expires_at: key.expiresAt,
    revoked_at: key.revokedAt,
    meta: key.meta === null ? null : JSON.stringify(key.meta),
    external_id: key.externalId,
    rate_limit_per_minute: key.rateLimitPerMinute,
    counts_credits: key.credits ? 1 : 0,
    tenant_status: tenant.status,
    plan_id: tenant.planId,
  };
}

/** `findForVerification` with own fields only: SQLite's row comes back with a null prototype. */
export async function findForVerification(
  store: Store,
  secretHash: string,
): Promise<KeyForVerification | undefined> {
  const row = await store.apiKeys.findForVerification(secretHash);
  return row && { ...row };
}

/** Follows `nextCursor` to the end, checking that no page is longer than the limit. */
export async function collectPages<T>(
  limit: number,
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await list(cursor);
    assert.ok(page.items.length <= limit, 'a page never holds more than the limit');
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    assert.equal(page.items.length, limit, 'only the last page is short');
    cursor = page.nextCursor;
  }
  assert.fail('pagination did not end');
}

export async function assertInvalidCursor(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof PortcullisError, 'a PortcullisError');
    assert.equal(error.code, 'validation_failed');
    return true;
  });
}
