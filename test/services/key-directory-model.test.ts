import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { isPortcullisError } from '../../src/core/errors.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { revokeKey } from '../../src/services/keys/manage.ts';
import { rollKey } from '../../src/services/keys/roll.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant, updateTenant } from '../../src/services/tenants/manage.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';

type Op =
  | { kind: 'tenant'; byOther: boolean }
  | { kind: 'key'; tenant: number; byOther: boolean; restricted: boolean }
  | { kind: 'revoke'; key: number; byOther: boolean }
  | { kind: 'roll'; key: number; byOther: boolean; grace: 0 | 30 }
  | { kind: 'plan'; tenant: number; byOther: boolean; plan: 'free' | 'pro' }
  | { kind: 'status'; tenant: number; byOther: boolean; status: 'active' | 'suspended' }
  | { kind: 'wait' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('tenant' as const), byOther: fc.boolean() }),
  fc.record({
    kind: fc.constant('key' as const),
    tenant: fc.nat(),
    byOther: fc.boolean(),
    restricted: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('key' as const),
    tenant: fc.nat(),
    byOther: fc.boolean(),
    restricted: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('revoke' as const), key: fc.nat(), byOther: fc.boolean() }),
  fc.record({
    kind: fc.constant('roll' as const),
    key: fc.nat(),
    byOther: fc.boolean(),
    grace: fc.constantFrom(0 as const, 30 as const),
  }),
  fc.record({
    kind: fc.constant('plan' as const),
    tenant: fc.nat(),
    byOther: fc.boolean(),
    plan: fc.constantFrom('free' as const, 'pro' as const),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    tenant: fc.nat(),
    byOther: fc.boolean(),
    status: fc.constantFrom('active' as const, 'suspended' as const),
  }),
  fc.record({ kind: fc.constant('wait' as const) }),
);

/** A write the service refuses (a suspended tenant's new key, a revoked key's roll) changes nothing. */
async function refusedOrDone<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isPortcullisError(error)) return undefined;
    throw error;
  }
}

/**
 * Random sequences of writes, by the server itself and by another connection to the same file (as the CLI
 * would make them), each followed by verifying every secret ever issued: the server, with its key directory and
 * caches, must answer exactly as a context that reads the database every time.
 */
describe('key directory, model-based: the same answers as the database after any sequence of writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-directory-model-'));
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  let serverStore: Store;
  let otherStore: Store;
  let server: ServiceContext;
  let reading: ServiceContext;
  let other: ServiceContext;
  const context = (store: Store, verification: object) =>
    buildServiceContext({
      config: loadConfig({ object: { verification }, env: {} }),
      store,
      pepper: TEST_PEPPER,
      masterKey: TEST_MASTER_KEY,
      clock,
    });

  before(async () => {
    const path = join(dir, 'portcullis.db');
    // Another connection's commits are seen on the very next lookup, not within the usual millisecond.
    serverStore = await openStore({ sqlitePath: path }, { counterReadIntervalMs: 0 });
    otherStore = await openStore({ sqlitePath: path });
    server = context(serverStore, {});
    reading = context(serverStore, { keyDirectory: false, cachedKeys: 0 });
    other = context(otherStore, {});
  });
  after(async () => {
    await serverStore.close();
    await otherStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('random writes, every secret checked after each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const tenants: string[] = [];
        const keys: { tenantId: string; keyId: string }[] = [];
        const secrets: string[] = [];
        for (const step of ops) {
          const by = 'byOther' in step && step.byOther ? other : server;
          const tenantId = 'tenant' in step ? tenants[step.tenant % Math.max(1, tenants.length)] : undefined;
          const key = 'key' in step ? keys[step.key % Math.max(1, keys.length)] : undefined;
          if (step.kind === 'tenant') {
            tenants.push((await createTenant(by, localPrincipal, { name: 'T', plan: 'pro' })).id);
          } else if (step.kind === 'key' && tenantId) {
            const issued = await refusedOrDone(
              issueKey(by, localPrincipal, tenantId, {
                name: 'k',
                mode: 'live',
                ...(step.restricted
                  ? { type: 'restricted' as const, scopes: ['bookings:read'] }
                  : { type: 'secret' as const }),
              }),
            );
            if (issued) {
              keys.push({ tenantId, keyId: issued.key.id });
              secrets.push(issued.plaintext);
            }
          } else if (step.kind === 'revoke' && key) {
            await refusedOrDone(revokeKey(by, localPrincipal, key.tenantId, key.keyId));
          } else if (step.kind === 'roll' && key) {
            const rolled = await refusedOrDone(
              rollKey(by, localPrincipal, key.tenantId, key.keyId, step.grace),
            );
            if (rolled) secrets.push(rolled.plaintext);
          } else if (step.kind === 'plan' && tenantId) {
            await refusedOrDone(updateTenant(by, localPrincipal, tenantId, { plan: step.plan }));
          } else if (step.kind === 'status' && tenantId) {
            await refusedOrDone(updateTenant(by, localPrincipal, tenantId, { status: step.status }));
          } else if (step.kind === 'wait') {
            clock.advance(20_000);
          }
          for (const secret of secrets) {
            const call = { scopes: ['bookings:read'] };
            const fromServer = await verifyApiKey(server, secret, call);
            const fromDatabase = await verifyApiKey(reading, secret, call);
            assert.deepEqual(fromServer, fromDatabase, `after ${JSON.stringify(step)}`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
