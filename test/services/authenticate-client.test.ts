// Seed 002's client lifecycle, row by row, at the service: who can authenticate (and so get tokens) when.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateCredential } from '../../src/core/credential-format.ts';
import { PortcullisError } from '../../src/core/errors.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { authenticateClient, getClientForToken } from '../../src/services/clients/authenticate.ts';
import { type CreateClientInput, createClient } from '../../src/services/clients/create.ts';
import { deleteClient, updateClient } from '../../src/services/clients/manage.ts';
import { rotateClientSecret } from '../../src/services/clients/rotate.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { PepperRing } from '../../src/services/peppers.ts';
import { createTenant as createTenantService } from '../../src/services/tenants/manage.ts';
import { VersionedCache } from '../../src/services/verification/versioned-cache.ts';
import type { ClientBySecret } from '../../src/store/index.ts';
import { mistyped } from '../http/support.ts';
import { startTestApp, TEST_PEPPER, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY = 86_400_000;
const reasonOf = async (clientId: string, secret: string, context: ServiceContext = t.context) => {
  const result = await authenticateClient(context, clientId, secret, null);
  return result.ok ? 'ok' : result.reason;
};

/** A fresh tenant on the pro plan with one client. */
async function newClient(input: Partial<CreateClientInput> = {}) {
  const tenant = await createTenantService(t.context, localPrincipal, { name: 'Club', plan: 'pro' });
  const created = await createClient(t.context, localPrincipal, tenant.id, {
    name: 'Integration',
    mode: 'live',
    scopes: ['customers:read', 'bookings:read'],
    ...input,
  });
  return { tenantId: tenant.id, clientId: created.client.id, secret: created.clientSecret as string };
}

const conflict = (error: unknown) => error instanceof PortcullisError && error.code === 'conflict';

describe('seed 002: the client lifecycle', () => {
  it('Active — can get tokens: the client id and secret authenticate', async () => {
    const { tenantId, clientId, secret } = await newClient();
    const result = await authenticateClient(t.context, clientId, secret, null);
    assert.ok(result.ok);
    assert.partialDeepStrictEqual(result.client, { id: clientId, tenantId, status: 'active' });
    assert.equal((await getClientForToken(t.context, clientId))?.status, 'active');
  });

  it('Active with no expiry — remains valid indefinitely', async () => {
    const { clientId, secret } = await newClient();
    t.clock.advance(20 * 365 * DAY);
    assert.equal(await reasonOf(clientId, secret), 'ok');
  });

  it('Suspended — cannot get tokens, and can be re-activated', async () => {
    const { tenantId, clientId, secret } = await newClient();
    await updateClient(t.context, localPrincipal, tenantId, clientId, { status: 'suspended' });
    assert.equal(await reasonOf(clientId, secret), 'suspended');
    assert.equal((await getClientForToken(t.context, clientId))?.status, 'suspended');
    await updateClient(t.context, localPrincipal, tenantId, clientId, { status: 'active' });
    assert.equal(await reasonOf(clientId, secret), 'ok');
  });

  it('Expired — past the expiry in days set at creation; cannot be re-activated', async () => {
    const { tenantId, clientId, secret } = await newClient({ expiresInDays: 7 });
    t.clock.advance(7 * DAY - 1);
    assert.equal(await reasonOf(clientId, secret), 'ok');
    t.clock.advance(1);
    assert.equal(await reasonOf(clientId, secret), 'expired');
    assert.equal((await getClientForToken(t.context, clientId))?.status, 'expired');
    await assert.rejects(
      updateClient(t.context, localPrincipal, tenantId, clientId, { status: 'active' }),
      conflict,
    );
    await assert.rejects(rotateClientSecret(t.context, localPrincipal, tenantId, clientId, 0), conflict);
    assert.equal(await reasonOf(clientId, secret), 'expired');
  });

  it('Deleted — permanently removed: deleted forever, cannot be recovered', async () => {
    const { tenantId, clientId, secret } = await newClient();
    await deleteClient(t.context, localPrincipal, tenantId, clientId);
    assert.equal(await reasonOf(clientId, secret), 'deleted');
    t.clock.advance(365 * DAY);
    assert.equal(await reasonOf(clientId, secret), 'deleted');
    assert.equal((await getClientForToken(t.context, clientId))?.status, 'deleted');
    const notFound = (error: unknown) => error instanceof PortcullisError && error.code === 'not_found';
    await assert.rejects(
      updateClient(t.context, localPrincipal, tenantId, clientId, { status: 'active' }),
      notFound,
    );
    await assert.rejects(rotateClientSecret(t.context, localPrincipal, tenantId, clientId, 0), notFound);
    await assert.rejects(deleteClient(t.context, localPrincipal, tenantId, clientId), notFound);
  });

  it('Rotate Secret — the old secret is invalid at once, the new one works, the client ID does not change', async () => {
    const { tenantId, clientId, secret } = await newClient();
    const rotated = await rotateClientSecret(t.context, localPrincipal, tenantId, clientId, 0);
    assert.equal(rotated.client.id, clientId);
    assert.notEqual(rotated.clientSecret, secret);
    assert.equal(await reasonOf(clientId, secret), 'invalid_secret');
    assert.equal(await reasonOf(clientId, rotated.clientSecret), 'ok');
  });

  it('Rotate Secret with a grace period — the old secret works until the grace ends', async () => {
    const { tenantId, clientId, secret } = await newClient();
    const rotated = await rotateClientSecret(t.context, localPrincipal, tenantId, clientId, 3600);
    t.clock.advance(3600 * 1000 - 1);
    assert.equal(await reasonOf(clientId, secret), 'ok');
    t.clock.advance(1);
    assert.equal(await reasonOf(clientId, secret), 'invalid_secret');
    assert.equal(await reasonOf(clientId, rotated.clientSecret), 'ok');
  });

  it('Updating scopes — no rotation needed: the same secret authenticates with the new scopes', async () => {
    const { tenantId, clientId, secret } = await newClient();
    await updateClient(t.context, localPrincipal, tenantId, clientId, {
      scopes: ['events:read', 'manage:clients'],
    });
    const result = await authenticateClient(t.context, clientId, secret, null);
    assert.deepEqual(result.ok && result.client.scopes, ['events:read', 'manage:clients']);
  });
});

describe('authenticateClient: bad secrets and ids', () => {
  /** A context whose secret lookups are counted. */
  const counting = () => {
    let lookups = 0;
    const clients = t.store.clients;
    const store = Object.create(t.store, {
      clients: {
        value: Object.assign(Object.create(clients), {
          findBySecretHash: (hash: string) => {
            lookups += 1;
            return clients.findBySecretHash(hash);
          },
          tenantOf: (clientId: string) => clients.tenantOf(clientId),
        }),
      },
    });
    return { context: { ...t.context, store }, lookups: () => lookups };
  };

  it('a secret failing its checksum, or of another credential type, is invalid_secret without a lookup', async () => {
    const { clientId, secret } = await newClient();
    const { context, lookups } = counting();
    const platformKey = generateCredential(t.config.credentials.prefixes.platform, 'live', cryptoRandom);
    for (const bad of [mistyped(secret), `${secret}x`, '', 'x'.repeat(10_000), platformKey]) {
      assert.equal(await reasonOf(clientId, bad, context), 'invalid_secret');
    }
    assert.equal(lookups(), 0);
    assert.equal(await reasonOf(clientId, secret, context), 'ok');
    assert.equal(lookups(), 1, 'the counter sees a real lookup');
  });

  it('an unknown client id is unknown_client; a well-formed unknown secret for a real client is invalid_secret', async () => {
    const { tenantId, clientId, secret } = await newClient();
    assert.equal(await reasonOf('cl_doesNotExist0000000', secret), 'unknown_client');
    assert.equal(await reasonOf('c'.repeat(5000), secret), 'unknown_client');
    const unknownSecret = generateCredential(
      t.config.credentials.prefixes.clientSecret,
      'live',
      cryptoRandom,
    );
    assert.deepEqual(await authenticateClient(t.context, clientId, unknownSecret, null), {
      ok: false,
      reason: 'invalid_secret',
      tenantId,
    });
  });

  it("another client's secret, even of another tenant, is invalid_secret for this client", async () => {
    const a = await newClient();
    const b = await newClient();
    assert.deepEqual(await authenticateClient(t.context, b.clientId, a.secret, null), {
      ok: false,
      reason: 'invalid_secret',
      tenantId: b.tenantId,
    });
    assert.equal(await reasonOf(a.clientId, a.secret), 'ok');
  });

  it('a secret hashed under an older pepper still authenticates after the pepper rotates', async () => {
    const { clientId, secret } = await newClient();
    // A pepper ring is fixed for a process's life: each ring here stands for a restarted process, with an
    // empty cache of authenticated clients.
    const restarted = (peppers: PepperRing) => ({
      ...t.context,
      peppers,
      authenticatedClients: new VersionedCache<ClientBySecret>(() => t.store.invalidation.cacheVersion(), {
        maxEntries: 100,
      }),
    });
    const rotated = PepperRing.parse(`2:${Buffer.alloc(32, 9).toString('base64')},${TEST_PEPPER}`);
    assert.equal(await reasonOf(clientId, secret, restarted(rotated)), 'ok');
    const onlyNew = PepperRing.parse(`2:${Buffer.alloc(32, 9).toString('base64')}`);
    assert.equal(await reasonOf(clientId, secret, restarted(onlyNew)), 'invalid_secret');
  });
});

describe('getClientForToken', () => {
  it("is undefined for an unknown client and for a client of another tenant than the token's", async () => {
    const a = await newClient();
    const b = await newClient();
    assert.equal(await getClientForToken(t.context, 'cl_doesNotExist0000000'), undefined);
    assert.equal(await getClientForToken(t.context, a.clientId, b.tenantId), undefined);
    assert.equal((await getClientForToken(t.context, a.clientId, a.tenantId))?.client.id, a.clientId);
  });
});
