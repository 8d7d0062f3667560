// An unknown id and a wrong secret must not be told apart by the work they cost (timing is for benchmarks):
// both make the same store calls, and neither writes while the caller waits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MaybePromise } from '../../src/core/maybe-promise.ts';
import { authenticatePrincipal } from '../../src/services/access/authenticate.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { RequestFeed } from '../../src/services/audit/request-feed.ts';
import { authenticateClient } from '../../src/services/clients/authenticate.ts';
import { createClient } from '../../src/services/clients/create.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issueManagementKey } from '../../src/services/management/management-keys.ts';
import { PepperRing } from '../../src/services/peppers.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import type { Store } from '../../src/store/index.ts';
import { unknownKey } from '../http/support.ts';
import { TEST_PEPPER } from '../support/app.ts';
import { type ServiceHarness, startServices } from './support.ts';

let h: ServiceHarness;
let tenantId: string;
before(async () => {
  h = await startServices();
  tenantId = (await createTenant(h.context, localPrincipal, { name: 'Club', plan: 'pro' })).id;
});
after(() => h.close());

/** Two peppers, so a secret that is found nowhere is hashed and looked up twice. */
const twoPeppers = PepperRing.parse(`${TEST_PEPPER},2:${Buffer.alloc(32, 9).toString('base64')}`);

/**
 * The harness's context with every store call recorded as `aggregate.method` (`feedWriter.write`,
 * `unitOfWork`, …), and a request feed of its own that writes through the recorded store.
 */
function recorded(): { context: ServiceContext; calls: string[] } {
  const calls: string[] = [];
  const record = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        const name = `${path}${String(property)}`;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            calls.push(name);
            return value.apply(object, args);
          };
        }
        if (path === '' && typeof value === 'object' && value !== null) return record(value, `${name}.`);
        return value;
      },
    });
  const store = record<Store>(h.store, '');
  const requestFeed = new RequestFeed(store, { flushIntervalMs: 60_000, clock: h.clock });
  return { context: { ...h.context, store, requestFeed, peppers: twoPeppers }, calls };
}

/** Runs `attempt` on a recorded context: the calls it made, then those a read of the activity feed adds. */
async function workOf<T>(attempt: (context: ServiceContext) => MaybePromise<T>) {
  const { context, calls } = recorded();
  const result = await attempt(context);
  const whileWaiting = [...calls];
  await context.requestFeed.flushForRead();
  return { result, whileWaiting, onRead: calls.slice(whileWaiting.length) };
}

const unknownId = (prefix: 'cl' | 'mk') => `${prefix}_${'unknown'.padEnd(20, '0')}`;

describe('authentication failures: the same work for an unknown id and a wrong secret', () => {
  it('clients: two secret lookups (one per pepper) and the tenant of the id; no write until the feed is read', async () => {
    const { client } = await createClient(h.context, localPrincipal, tenantId, {
      name: 'Integration',
      mode: 'live',
      scopes: ['bookings:read'],
    });
    const attempt = (clientId: string) => (context: ServiceContext) =>
      authenticateClient(context, clientId, unknownKey('cs'), '192.0.2.1');
    const unknown = await workOf(attempt(unknownId('cl')));
    const wrong = await workOf(attempt(client.id));

    assert.deepEqual(unknown.result, { ok: false, reason: 'unknown_client' });
    assert.deepEqual(wrong.result, { ok: false, reason: 'invalid_secret', tenantId });
    assert.deepEqual(unknown.whileWaiting, [
      'clients.findBySecretHash',
      'clients.findBySecretHash',
      'clients.tenantOf',
    ]);
    assert.deepEqual(wrong.whileWaiting, unknown.whileWaiting);
    // The recorder sees writes: the wrong secret's gathered row is written once a reader drains it.
    assert.deepEqual(wrong.onRead, ['feedWriter.write']);
    assert.deepEqual(unknown.onRead, [], 'an unknown id is written nowhere');
  });

  it('key pairs: one lookup of the id, no write until the feed is read (a right secret stamps its use at once)', async () => {
    const issued = await issueManagementKey(h.context, localPrincipal, tenantId, {
      name: 'automation',
      permissions: ['read:tenant'],
    });
    const attempt = (apiKey: string, apiSecret: string) => (context: ServiceContext) =>
      authenticatePrincipal(
        context,
        { kind: 'pair', apiKey, apiSecret, viaQuery: false },
        { ip: '192.0.2.2' },
      );
    const unknown = await workOf(attempt(unknownId('mk'), unknownKey('ms')));
    const wrong = await workOf(attempt(issued.key.id, unknownKey('ms')));
    const right = await workOf(attempt(issued.key.id, issued.secret));

    assert.deepEqual(unknown.result, { ok: false, reason: 'invalid' });
    assert.deepEqual(wrong.result, unknown.result);
    assert.deepEqual(unknown.whileWaiting, ['managementKeys.findForAuthentication']);
    assert.deepEqual(wrong.whileWaiting, unknown.whileWaiting);
    assert.deepEqual(wrong.onRead, ['feedWriter.write']);
    assert.deepEqual(unknown.onRead, []);
    assert.deepEqual(right.whileWaiting, [
      'managementKeys.findForAuthentication',
      'managementKeys.recordLastUsed',
    ]);
  });
});
