import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { ResourceCaller } from '../../src/services/oauth/resource-caller.ts';
import { SigningKeyRing } from '../../src/services/tokens/signing-keys.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface ServiceHarness {
  context: ServiceContext;
  clock: ManualClock;
  store: Store;
  close(): Promise<void>;
}

/** A service context on an in-memory SQLite store with a frozen clock; no HTTP. */
export async function startServices(config: unknown = {}): Promise<ServiceHarness> {
  const store = await openStore({ sqlitePath: ':memory:' });
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const context = buildServiceContext({
    config: loadConfig({ object: withSuiteVocabulary(config), env: {} }),
    store,
    pepper: TEST_PEPPER,
    masterKey: TEST_MASTER_KEY,
    clock,
  });
  return {
    context,
    clock,
    store,
    async close() {
      await context.requestFeed.close();
      await store.close();
    },
  };
}

/** The same context as another process on the same database would have it: its own ring, own memory. */
export function otherProcess(
  context: ServiceContext,
  masterKey: Uint8Array = TEST_MASTER_KEY,
): ServiceContext {
  return {
    ...context,
    signingKeys: new SigningKeyRing({
      store: context.store,
      masterKey,
      random: context.random,
      settings: context.oauth,
    }),
  };
}

/** A resource server revoking with its platform key, as the revocation endpoint passes it on. */
export const platformRevoker: ResourceCaller = {
  kind: 'platform',
  principal: { kind: 'platform_key', id: 'pk_test', permissions: ['verify'], ip: null },
};

/** A client revoking its own token (only the id matters to revocation). */
export function clientRevoker(clientId: string): ResourceCaller {
  return {
    kind: 'client',
    client: {
      id: clientId,
      tenantId: 'ten_test',
      appId: null,
      name: 'client',
      mode: 'live',
      scopes: [],
      status: 'active',
      expiresAt: null,
      createdAt: 0,
      updatedAt: 0,
      deletedAt: null,
    },
    ip: null,
  };
}
