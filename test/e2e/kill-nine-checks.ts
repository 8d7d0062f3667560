// What must hold after a kill -9 and a restart: the acknowledged writes are there, and keys, activity rows and
// outbox events agree one for one.
import assert from 'node:assert/strict';
import { type ConnectionTarget, type OutboxRow, openStore } from '../../src/store/index.ts';
import type { Acknowledged } from './burst.ts';
import { type ApiResponse, call, type ServerProcess } from './server.ts';

const PAGE = 200;

/** Every item of a paged list, following `nextCursor`. */
async function collect(fetchPage: (cursor: string | undefined) => Promise<ApiResponse>): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const response = await fetchPage(cursor);
    assert.equal(response.status, 200, response.text);
    items.push(...response.body.items);
    cursor = response.body.nextCursor ?? undefined;
    if (cursor === undefined) return items;
  }
  return assert.fail('more pages than the test wrote rows');
}

const missing = (acknowledged: readonly string[], stored: ReadonlySet<string>) =>
  acknowledged.filter((id) => !stored.has(id));

/** The ids as a set, failing on a duplicate: one row or event per change. */
function uniqueSet(ids: readonly string[], what: string): Set<string> {
  const set = new Set(ids);
  assert.equal(set.size, ids.length, `${what}: one each`);
  return set;
}

/**
 * After the restart, through the real server: every acknowledged write has its activity row, and the keys
 * table agrees with the key.created and key.revoked rows one for one. Returns the keys and revoked keys.
 */
export async function checkThroughApi(
  server: ServerProcess,
  platformKey: string,
  tenantId: string,
  acked: Acknowledged,
) {
  const auth = `Bearer ${platformKey}`;
  const base = `/api/v1/tenants/${tenantId}`;
  const paged = (path: string) => (cursor: string | undefined) =>
    call(server, 'GET', `${path}?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      auth,
    });
  const activity = (await collect(paged(`${base}/audit/activity`))) as {
    action: string;
    target: { id: string };
    details: { jti?: string };
  }[];
  const targets = (action: string) =>
    activity.filter((row) => row.action === action).map((row) => row.target.id);
  const createdRows = uniqueSet(targets('key.created'), 'key.created rows');
  const revokedRows = uniqueSet(targets('key.revoked'), 'key.revoked rows');
  const jtiRows = uniqueSet(
    activity.filter((row) => row.action === 'token.issued').map((row) => String(row.details.jti)),
    'token.issued rows',
  );
  assert.deepEqual(missing(acked.createdKeys, createdRows), [], 'acknowledged creations without key.created');
  assert.deepEqual(
    missing(acked.revokedKeys, revokedRows),
    [],
    'acknowledged revocations without key.revoked',
  );
  assert.deepEqual(missing(acked.tokenJtis, jtiRows), [], 'acknowledged tokens without token.issued');

  const keys = (await collect(paged(`${base}/keys`))) as { id: string; status: string }[];
  const keyIds = uniqueSet(
    keys.map((key) => key.id),
    'keys',
  );
  const revokedKeys = new Set(keys.filter((key) => key.status === 'revoked').map((key) => key.id));
  assert.deepEqual([...keyIds].sort(), [...createdRows].sort(), 'keys = key.created rows');
  assert.deepEqual([...revokedKeys].sort(), [...revokedRows].sort(), 'revoked keys = key.revoked rows');
  return { keyIds, revokedKeys };
}

/** Through the store: every outbox event of the tenant is one of a committed change, and no change lacks one. */
export async function checkOutbox(
  target: ConnectionTarget,
  tenantId: string,
  clientId: string,
  keys: { keyIds: Set<string>; revokedKeys: Set<string> },
) {
  const store = await openStore(target);
  const events: OutboxRow[] = [];
  try {
    for (let batch = await store.outbox.listAfter(0, PAGE); batch.length > 0; ) {
      events.push(...batch);
      batch = await store.outbox.listAfter(batch.at(-1)?.id ?? 0, PAGE);
    }
  } finally {
    await store.close();
  }
  const ofTenant = events.filter((event) => event.tenantId === tenantId);
  const ids = (type: string) =>
    ofTenant.filter((event) => event.type === type).map((e) => String(e.payload.id));
  assert.deepEqual([...new Set(ofTenant.map((event) => event.type))].sort(), [
    'client.created',
    'key.created',
    'key.revoked',
    'tenant.created',
  ]);
  assert.deepEqual(ids('tenant.created'), [tenantId]);
  assert.deepEqual(ids('client.created'), [clientId]);
  const created = uniqueSet(ids('key.created'), 'key.created events');
  const revoked = uniqueSet(ids('key.revoked'), 'key.revoked events');
  assert.deepEqual([...created].sort(), [...keys.keyIds].sort(), 'key.created events = keys');
  assert.deepEqual([...revoked].sort(), [...keys.revokedKeys].sort(), 'key.revoked events = revoked keys');
}
