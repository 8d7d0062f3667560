import type { FastifyBaseLogger, FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext, type ContextOptions } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issuePlatformKey } from '../../src/services/platform/platform-keys.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startPostgres } from './postgres.ts';
import { withSuiteVocabulary } from './vocabulary.ts';

export const TEST_PEPPER = `1:${Buffer.alloc(32, 7).toString('base64')}`;
/** Seals the test app's signing keys; fixed so tests can open what the store holds. */
export const TEST_MASTER_KEY = new Uint8Array(32).fill(11);

export interface TestApp {
  app: FastifyInstance;
  context: ServiceContext;
  store: Store;
  clock: ManualClock;
  config: Config;
  /** A platform key with every permission. */
  platformKey: string;
  /** A platform key that may only verify. */
  verifierKey: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The suite's vocabulary and plans (`test/support/vocabulary.ts`) fill in the scopes and plans it lacks. */
  config?: unknown;
  /** Closed with the app. */
  store?: Store;
  /** Silent unless given. */
  logger?: FastifyBaseLogger;
  /** Frozen at 2026-06-01T12:00Z unless given (nodes of one test share theirs). */
  clock?: ManualClock;
  /** Shared rate limits; the caller closes the connection. */
  redis?: ContextOptions['redis'];
  onSharedLimitsChange?: ContextOptions['onSharedLimitsChange'];
}

/**
 * The store a test app runs on: an in-memory SQLite database, or with `PORTCULLIS_TEST_STORE=postgres` a fresh
 * PostgreSQL database (the suite's second run, `npm run test:postgres`), dropped when the app closes.
 */
async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (process.env.PORTCULLIS_TEST_STORE !== 'postgres') {
    return { store: await openStore({ sqlitePath: ':memory:' }), drop: async () => {} };
  }
  const pg = await startPostgres();
  if (!pg) throw new Error('PORTCULLIS_TEST_STORE=postgres needs PostgreSQL (see docs/testing.md)');
  return { store: await openStore({ postgresUrl: pg.url }), drop: () => pg.stop() };
}

/** A real app on an in-memory SQLite database with a frozen clock; requests go through `app.inject()`. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ object: withSuiteVocabulary(options.config), env: {} });
  const opened = options.store ? { store: options.store, drop: async () => {} } : await openTestStore();
  const { store } = opened;
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 5, 1, 12));
  const context = buildServiceContext({
    config,
    store,
    pepper: TEST_PEPPER,
    masterKey: TEST_MASTER_KEY,
    clock,
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.onSharedLimitsChange ? { onSharedLimitsChange: options.onSharedLimitsChange } : {}),
  });
  const app = await buildApp({ context, config, logger: options.logger ?? pino({ level: 'silent' }) });
  const platformKey = (await issuePlatformKey(context, localPrincipal, 'test', ['*'])).plaintext;
  const verifierKey = (await issuePlatformKey(context, localPrincipal, 'verifier', ['verify'])).plaintext;
  return {
    app,
    context,
    store,
    clock,
    config,
    platformKey,
    verifierKey,
    async close() {
      await app.close();
      await context.requestFeed.close();
      await store.close();
      await opened.drop();
    },
  };
}

export function asPlatform(t: TestApp, options: InjectOptions): Promise<LightMyRequestResponse> {
  return t.app.inject({
    ...options,
    headers: { authorization: `Bearer ${t.platformKey}`, ...options.headers },
  });
}

export async function createTenant(t: TestApp, body: { name?: string; plan?: string } = {}): Promise<string> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: '/api/v1/tenants',
    payload: { name: 'Tenant', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`tenant create failed: ${response.body}`);
  return response.json<{ id: string }>().id;
}

export interface CreatedKey {
  id: string;
  key: string;
}

export async function createKey(
  t: TestApp,
  tenantId: string,
  body: Record<string, unknown> = {},
): Promise<CreatedKey> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: `/api/v1/tenants/${tenantId}/keys`,
    payload: { name: 'Key', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`key create failed: ${response.body}`);
  return response.json<CreatedKey>();
}

export async function verify(t: TestApp, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}` },
    payload: body,
  });
  if (response.statusCode !== 200) throw new Error(`verify failed: ${response.body}`);
  return response.json();
}
