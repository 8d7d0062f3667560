import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { revokeKey } from '../../src/services/keys/manage.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import { type ServiceHarness, startServices } from './support.ts';

/** Resumes after `depth` microtasks: a request interleaved at every point of another's transaction. */
async function after_(depth: number, work: () => unknown): Promise<unknown> {
  for (let i = 0; i < depth; i++) await null;
  return work();
}

/**
 * Requests that interleave with a write's transaction on the same connection. A read there sees the
 * transaction's uncommitted counter values: caches and the key directory must not act on them.
 */
describe('key directory and caches against writes in flight', () => {
  let h: ServiceHarness;
  before(async () => {
    h = await startServices();
  });
  after(() => h.close());

  async function seenKey() {
    const tenant = await createTenant(h.context, localPrincipal, { name: 'T', plan: 'pro' });
    const issued = await issueKey(h.context, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    await verifyApiKey(h.context, issued.plaintext, {});
    return { tenantId: tenant.id, keyId: issued.key.id, plaintext: issued.plaintext, key: issued.key };
  }

  test('a verification at any point of a revocation never leaves the revoked key valid', async () => {
    for (let depth = 0; depth < 120; depth++) {
      const { tenantId, keyId, plaintext } = await seenKey();
      await Promise.all([
        revokeKey(h.context, localPrincipal, tenantId, keyId),
        after_(depth, () => verifyApiKey(h.context, plaintext, {})),
      ]);
      for (let i = 0; i < 2; i++) {
        const result = await verifyApiKey(h.context, plaintext, {});
        assert.equal(result.valid ? 'valid' : result.code, 'revoked', `interleaved at ${depth}`);
      }
    }
  });

  test('a sequence value read inside a transaction that rolls back is never adopted', async () => {
    for (let depth = 0; depth < 40; depth++) {
      const { tenantId, keyId, plaintext, key } = await seenKey();
      const now = h.clock.now();
      // The same secret hash again: the insert takes a sequence value, then fails and rolls back.
      const secret = {
        hash: h.context.peppers.hashCurrent(plaintext),
        version: h.context.peppers.current.version,
      };
      const failing = h.store.apiKeys
        .insertWithinLimit(
          { ...key, id: `${key.id.slice(0, -1)}Z` },
          { secretHash: secret.hash, pepperVersion: secret.version, createdAt: now, expiresAt: null },
          100,
          now,
        )
        .then(
          () => assert.fail('the duplicate secret must be refused'),
          () => undefined,
        );
      await Promise.all([failing, after_(depth, () => h.context.keyDirectory.current())]);
      h.context.keyDirectory.current();
      await revokeKey(h.context, localPrincipal, tenantId, keyId);
      const result = await verifyApiKey(h.context, plaintext, {});
      assert.equal(result.valid ? 'valid' : result.code, 'revoked', `interleaved at ${depth}`);
    }
  });
});
