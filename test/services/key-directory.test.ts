import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { revokeKey } from '../../src/services/keys/manage.ts';
import { rollKey } from '../../src/services/keys/roll.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant, updateTenant } from '../../src/services/tenants/manage.ts';
import type { VerifyRequest, VerifyResult } from '../../src/services/verification/result.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import { MINUTE, type ServiceHarness, startServices } from './support.ts';

/**
 * The key directory against the database: a context with the directory on and one with it off (and no
 * cache), on the same store and clock, must give the same answer for every key in every state, and the
 * directory's must come without a database read.
 */
describe('key directory', () => {
  let harness: ServiceHarness;
  let direct: ServiceContext;
  let reading: ServiceContext;
  let reads = 0;

  before(async () => {
    harness = await startServices();
    direct = harness.context;
    reading = buildServiceContext({
      config: loadConfig({
        object: withSuiteVocabulary({ verification: { keyDirectory: false, cachedKeys: 0 } }),
        env: {},
      }),
      store: harness.store,
      pepper: TEST_PEPPER,
      masterKey: TEST_MASTER_KEY,
      clock: harness.clock,
    });
    const apiKeys = harness.store.apiKeys;
    const find = apiKeys.findForVerification.bind(apiKeys);
    apiKeys.findForVerification = (hash) => {
      reads += 1;
      return find(hash);
    };
  });
  after(() => harness.close());

  /** Both contexts' answers, rate-limit counts aside (each context has its own limiter). */
  async function both(key: string, request: VerifyRequest = {}): Promise<VerifyResult> {
    const readsBefore = reads;
    const fromDirectory = await verifyApiKey(direct, key, request);
    assert.equal(reads, readsBefore, 'the directory answered without a database read');
    const fromDatabase = await verifyApiKey(reading, key, request);
    assert.deepEqual(fromDirectory, fromDatabase);
    return fromDirectory;
  }

  const outcome = (result: VerifyResult) => (result.valid ? 'valid' : result.code);

  test('the same answers as the database, for keys in every state, without reading it', async () => {
    const tenant = await createTenant(direct, localPrincipal, { name: 'Club', plan: 'pro' });
    const issue = (input: Parameters<typeof issueKey>[3]) =>
      issueKey(direct, localPrincipal, tenant.id, input);
    const plain = await issue({ name: 'plain', mode: 'live', type: 'secret' });
    const restricted = await issue({
      name: 'restricted',
      mode: 'test',
      type: 'restricted',
      scopes: ['bookings:read'],
    });
    const fenced = await issue({ name: 'fenced', mode: 'live', type: 'secret', ipAllowlist: ['10.0.0.0/8'] });
    const expiring = await issue({
      name: 'expiring',
      mode: 'live',
      type: 'secret',
      expiresAt: harness.clock.now() + MINUTE,
    });
    const revoked = await issue({ name: 'revoked', mode: 'live', type: 'secret' });
    const rolled = await issue({ name: 'rolled', mode: 'live', type: 'secret' });

    assert.equal(outcome(await both(plain.plaintext, { scopes: ['bookings:write', 'mcp:*'] })), 'valid');
    assert.equal(outcome(await both(restricted.plaintext, { scopes: ['bookings:read'] })), 'valid');
    assert.equal(
      outcome(await both(restricted.plaintext, { scopes: ['bookings:write'] })),
      'insufficient_scope',
    );
    assert.equal(outcome(await both(fenced.plaintext, { ip: '10.1.2.3' })), 'valid');
    assert.equal(outcome(await both(fenced.plaintext, { ip: '192.168.0.1' })), 'ip_not_allowed');
    assert.equal(outcome(await both(expiring.plaintext)), 'valid');
    assert.equal(
      outcome(await both(`${plain.plaintext.slice(0, -1)}${plain.plaintext.endsWith('x') ? 'y' : 'x'}`)),
      'malformed',
    );
    const unknown = await issueKey(direct, localPrincipal, tenant.id, {
      name: 'gone',
      mode: 'live',
      type: 'secret',
    });
    assert.equal(outcome(await both(unknown.plaintext)), 'valid');

    await revokeKey(direct, localPrincipal, tenant.id, revoked.key.id);
    assert.equal(outcome(await both(revoked.plaintext)), 'revoked');
    const next = await rollKey(direct, localPrincipal, tenant.id, rolled.key.id, 60);
    assert.equal(outcome(await both(rolled.plaintext)), 'valid', 'inside the grace period');
    assert.equal(outcome(await both(next.plaintext)), 'valid');
    harness.clock.advance(MINUTE + 1);
    assert.equal(outcome(await both(rolled.plaintext)), 'rolled', 'past the grace period');
    assert.equal(outcome(await both(expiring.plaintext)), 'expired');

    await updateTenant(direct, localPrincipal, tenant.id, { plan: 'free' });
    assert.equal(outcome(await both(plain.plaintext, { scopes: ['mcp:*'] })), 'insufficient_scope');
    await updateTenant(direct, localPrincipal, tenant.id, { status: 'suspended' });
    assert.equal(outcome(await both(plain.plaintext)), 'tenant_suspended');
    await updateTenant(direct, localPrincipal, tenant.id, { status: 'active', plan: 'pro' });
    assert.equal(outcome(await both(plain.plaintext, { scopes: ['mcp:*'] })), 'valid');
  });

  test('a well-formed key nobody issued is not_found without a read', async () => {
    const tenant = await createTenant(direct, localPrincipal, { name: 'Other', plan: 'pro' });
    const issued = await issueKey(direct, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    // Same prefix and a valid checksum, but a secret no row holds: issue one on a throwaway store.
    const elsewhere = await startServices();
    try {
      const stranger = await createTenant(elsewhere.context, localPrincipal, {
        name: 'Stranger',
        plan: 'pro',
      });
      const foreign = await issueKey(elsewhere.context, localPrincipal, stranger.id, {
        name: 'k',
        mode: 'live',
        type: 'secret',
      });
      assert.equal(outcome(await both(foreign.plaintext)), 'not_found');
    } finally {
      await elsewhere.close();
    }
    assert.equal(outcome(await both(issued.plaintext)), 'valid');
  });

  test('a key goes into the cache on its second sighting, not its first', async () => {
    const tenant = await createTenant(direct, localPrincipal, { name: 'Cache', plan: 'pro' });
    const issued = await issueKey(direct, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    await verifyApiKey(direct, issued.plaintext, {});
    const sizeAfterFirst = direct.verifiedKeys.size;
    await verifyApiKey(direct, issued.plaintext, {});
    assert.equal(direct.verifiedKeys.size, sizeAfterFirst + 1);
  });

  test('creating a key or a tenant empties no cache, and the new key verifies at once', async () => {
    const tenant = await createTenant(direct, localPrincipal, { name: 'Busy', plan: 'pro' });
    const issued = await issueKey(direct, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    await verifyApiKey(direct, issued.plaintext, {});
    await verifyApiKey(direct, issued.plaintext, {});
    const cached = direct.verifiedKeys.size;
    assert.ok(cached > 0);
    const another = await createTenant(direct, localPrincipal, { name: 'New', plan: 'pro' });
    const fresh = await issueKey(direct, localPrincipal, another.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    assert.equal(outcome(await both(fresh.plaintext)), 'valid');
    assert.ok(direct.verifiedKeys.size >= cached, 'the cache was not emptied');
    await revokeKey(direct, localPrincipal, another.id, fresh.key.id);
    await verifyApiKey(direct, 'sk_live_notakey', {});
    assert.equal(direct.verifiedKeys.size, 0, 'a revocation still empties it');
  });

  test('grows past its first capacity and still finds every key', async () => {
    const keys: string[] = [];
    for (let t = 0; t < 45; t++) {
      const tenant = await createTenant(direct, localPrincipal, { name: `T${t}`, plan: 'pro' });
      for (let k = 0; k < 25; k++) {
        const issued = await issueKey(direct, localPrincipal, tenant.id, {
          name: 'k',
          mode: 'live',
          type: 'secret',
        });
        keys.push(issued.plaintext);
      }
    }
    const readsBefore = reads;
    for (const key of keys) assert.equal(outcome(await verifyApiKey(direct, key, {})), 'valid');
    assert.equal(reads, readsBefore);
    assert.ok(direct.keyDirectory.size > 1024);
  });

  test('keys hashed under an older pepper are found after a pepper rotation', async () => {
    const tenant = await createTenant(direct, localPrincipal, { name: 'Rotated', plan: 'pro' });
    const issued = await issueKey(direct, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    const rotated = buildServiceContext({
      config: loadConfig({ object: withSuiteVocabulary(), env: {} }),
      store: harness.store,
      pepper: `2:${Buffer.alloc(32, 9).toString('base64')},${TEST_PEPPER}`,
      masterKey: TEST_MASTER_KEY,
      clock: harness.clock,
    });
    const readsBefore = reads;
    assert.equal(outcome(await verifyApiKey(rotated, issued.plaintext, {})), 'valid');
    assert.equal(reads, readsBefore);
  });
});
