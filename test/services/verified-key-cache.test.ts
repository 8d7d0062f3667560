import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { localPrincipal, type Principal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { revokeKey } from '../../src/services/keys/manage.ts';
import { rollKey } from '../../src/services/keys/roll.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import {
  authenticatePlatformKey,
  issuePlatformKey,
  revokePlatformKey,
} from '../../src/services/platform/platform-keys.ts';
import { createTenant, updateTenant } from '../../src/services/tenants/manage.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';

/**
 * Two connections to one SQLite file: the server's (`server`) and another writer's (`other`), as the CLI's
 * would be. The change counter they share is what empties the server's caches and brings its key directory
 * up to date; test/e2e/cli.test.ts does the same with a real second process. Run with the key directory on
 * (the default) and off (every first sighting is a database read).
 */
for (const keyDirectory of [true, false]) {
  describe(`verified-credential caches, key directory ${keyDirectory ? 'on' : 'off'}: a write through another connection takes effect on the very next request`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-cache-'));
    const path = join(dir, 'portcullis.db');
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const config = loadConfig({ object: withSuiteVocabulary({ verification: { keyDirectory } }), env: {} });
    let serverStore: Store;
    let otherStore: Store;
    let server: ServiceContext;
    let other: ServiceContext;
    const build = (store: Store) =>
      buildServiceContext({ config, store, pepper: TEST_PEPPER, masterKey: TEST_MASTER_KEY, clock });

    before(async () => {
      // Another connection's commits are seen on the very next lookup, not within the usual millisecond.
      serverStore = await openStore({ sqlitePath: path }, { counterReadIntervalMs: 0 });
      otherStore = await openStore({ sqlitePath: path });
      server = build(serverStore);
      other = build(otherStore);
    });
    after(async () => {
      await serverStore.close();
      await otherStore.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function cachedKey(): Promise<{ tenantId: string; keyId: string; plaintext: string }> {
      const tenant = await createTenant(other, localPrincipal, { name: 'Club', plan: 'pro' });
      const issued = await issueKey(other, localPrincipal, tenant.id, {
        name: 'k',
        mode: 'live',
        type: 'secret',
      });
      assert.equal((await verifyApiKey(server, issued.plaintext, {})).valid, true);
      assert.equal((await verifyApiKey(server, issued.plaintext, {})).valid, true);
      assert.ok(server.verifiedKeys.size > 0, 'a key verified twice is in the cache');
      return { tenantId: tenant.id, keyId: issued.key.id, plaintext: issued.plaintext };
    }

    test('a revocation by the other writer', async () => {
      const { tenantId, keyId, plaintext } = await cachedKey();
      await revokeKey(other, localPrincipal, tenantId, keyId);
      const result = await verifyApiKey(server, plaintext, {});
      assert.equal(result.valid ? 'valid' : result.code, 'revoked');
    });

    test('a roll by the other writer stops the old secret', async () => {
      const { tenantId, keyId, plaintext } = await cachedKey();
      const rolled = await rollKey(other, localPrincipal, tenantId, keyId, 0);
      const old = await verifyApiKey(server, plaintext, {});
      assert.equal(old.valid ? 'valid' : old.code, 'rolled');
      assert.equal((await verifyApiKey(server, rolled.plaintext, {})).valid, true);
    });

    test('a tenant suspension and a plan change by the other writer', async () => {
      const { tenantId, plaintext } = await cachedKey();
      await updateTenant(other, localPrincipal, tenantId, { plan: 'free' });
      const narrowed = await verifyApiKey(server, plaintext, { scopes: ['mcp:*'] });
      assert.equal(narrowed.valid ? 'valid' : narrowed.code, 'insufficient_scope');
      await updateTenant(other, localPrincipal, tenantId, { status: 'suspended' });
      const suspended = await verifyApiKey(server, plaintext, {});
      assert.equal(suspended.valid ? 'valid' : suspended.code, 'tenant_suspended');
    });

    test('the same writes made by the server itself', async () => {
      const { tenantId, keyId, plaintext } = await cachedKey();
      await revokeKey(server, localPrincipal, tenantId, keyId);
      const result = await verifyApiKey(server, plaintext, {});
      assert.equal(result.valid ? 'valid' : result.code, 'revoked');
    });

    test('a platform key revoked by the other writer stops authenticating', async () => {
      const issued = await issuePlatformKey(other, localPrincipal, 'api servers', ['verify']);
      assert.equal(platformKeyId(await authenticatePlatformKey(server, issued.plaintext)), issued.key.id);
      await revokePlatformKey(other, localPrincipal, issued.key.id);
      assert.equal(await authenticatePlatformKey(server, issued.plaintext), undefined);
    });

    test('expiry is checked on the cached row at every request', async () => {
      const tenant = await createTenant(other, localPrincipal, { name: 'Club', plan: 'pro' });
      const expiresAt = clock.now() + 60_000;
      const issued = await issueKey(other, localPrincipal, tenant.id, {
        name: 'k',
        mode: 'live',
        type: 'secret',
        expiresAt,
      });
      assert.equal((await verifyApiKey(server, issued.plaintext, {})).valid, true);
      clock.advance(60_001);
      const result = await verifyApiKey(server, issued.plaintext, {});
      assert.equal(result.valid ? 'valid' : result.code, 'expired');
    });

    test('the answer without waiting: read, cached or from the directory, identical to the awaited one, revoked at once', async () => {
      const tenant = await createTenant(other, localPrincipal, { name: 'Club', plan: 'pro' });
      const issued = await issueKey(other, localPrincipal, tenant.id, {
        name: 'k',
        mode: 'live',
        type: 'restricted',
        scopes: ['bookings:read'],
      });
      const call = { scopes: ['bookings:write'] };
      // The embedded database is read synchronously, so even a key never seen is answered without waiting.
      const first = verifyApiKey(server, issued.plaintext, call);
      assert.ok(!(first instanceof Promise), 'answered without waiting');
      assert.equal(first.valid === false && first.code, 'insufficient_scope');
      const awaited = await verifyApiKey(server, issued.plaintext, call);
      const cached = verifyApiKey(server, issued.plaintext, call);
      assert.ok(!(cached instanceof Promise));
      // Each call is one more request against the rate limit; everything else is the same answer.
      assert.deepEqual({ ...cached, ratelimit: undefined }, { ...awaited, ratelimit: undefined });
      assert.equal(cached.ratelimit?.remaining, (awaited.ratelimit?.remaining ?? 0) - 1);
      await revokeKey(other, localPrincipal, tenant.id, issued.key.id);
      const revoked = verifyApiKey(server, issued.plaintext, call);
      assert.ok(!(revoked instanceof Promise));
      assert.equal(revoked.valid === false && revoked.code, 'revoked');
    });

    test('verification.cachedKeys 0 checks every presented key in full; callers stay cached', async () => {
      const strict = buildServiceContext({
        config: loadConfig({
          object: withSuiteVocabulary({ verification: { cachedKeys: 0, keyDirectory } }),
          env: {},
        }),
        store: serverStore,
        pepper: TEST_PEPPER,
        masterKey: TEST_MASTER_KEY,
        clock,
      });
      const tenant = await createTenant(other, localPrincipal, { name: 'Club', plan: 'pro' });
      const issued = await issueKey(other, localPrincipal, tenant.id, {
        name: 'k',
        mode: 'live',
        type: 'secret',
      });
      assert.equal((await verifyApiKey(strict, issued.plaintext, {})).valid, true);
      assert.equal((await verifyApiKey(strict, issued.plaintext, {})).valid, true);
      assert.equal(strict.verifiedKeys.size, 0);
      // With the directory on, a key is hashed and looked up in memory every time; off, it is read every time.
      const again = verifyApiKey(strict, issued.plaintext, {});
      assert.ok(!(again instanceof Promise) && again.valid);
      const caller = await issuePlatformKey(other, localPrincipal, 'api servers', ['verify']);
      assert.equal(platformKeyId(await authenticatePlatformKey(strict, caller.plaintext)), caller.key.id);
      assert.equal(strict.authenticatedPlatformKeys.size, 1);
    });
  });
}

function platformKeyId(principal: Principal | undefined): string | undefined {
  return principal?.kind === 'platform_key' ? principal.id : undefined;
}
