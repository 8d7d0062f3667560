import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cryptoRandom } from '../../src/core/random.ts';
import { agreeOnIssuer, joinDeployment } from '../../src/services/deployment.ts';
import { createKeyMaterial, SIGNING_ALGORITHM } from '../../src/services/tokens/signing-key-material.ts';
import type { Store } from '../../src/store/index.ts';
import {
  deploymentBackends,
  MASTER_KEY,
  NEW,
  node,
  OLD,
  OTHER_MASTER_KEY,
  openMany,
  pepperText,
} from './deployment-support.ts';

/** Every value the record holds, as text: none may be a secret. */
async function recordText(store: Store): Promise<string> {
  const record = await store.deployment.get();
  return JSON.stringify({ ...record, pepperChecks: [...(record?.pepperChecks ?? [])] });
}

const backends = await deploymentBackends();
after(() => Promise.all(backends.map((backend) => backend.stop())));

for (const { name, skip, onFreshDatabase } of backends) {
  // Stores of one SQLite file in one process cannot race: a connection waiting for the lock blocks the thread
  // the holder needs. Processes racing on one file are what the file lock serialises.
  const oneThread = name === 'SQLite' && 'SQLite connections in one thread cannot race';
  describe(`the deployment record (${name})`, { skip }, () => {
    it('the first node writes it; another with the same secrets reads the same record; no secret is stored', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        const first = await joinDeployment(node(store, `${NEW},${OLD}`));
        assert.equal(first.currentPepperVersion, 2);
        assert.deepEqual([...first.pepperChecks.keys()], [1, 2]);
        assert.equal(first.issuer, null, 'the issuer waits for the first node to listen');
        const second = await joinDeployment(node(await open(), `${NEW},${OLD}`));
        assert.deepEqual(second, first);
        const stored = await recordText(store);
        for (const secret of [OLD, NEW].map((text) => text.slice(2))) assert.ok(!stored.includes(secret));
        assert.ok(!stored.includes(Buffer.from(MASTER_KEY).toString('base64')));
      }));

    it('another pepper under a recorded version, or a ring without the current version, refuses to start', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        await joinDeployment(node(store, OLD));
        const other = pepperText(1, 9);
        const mismatch = await joinDeployment(node(store, other)).then(
          () => assert.fail('joined'),
          (error) => error,
        );
        assert.equal(mismatch.code, 'config_invalid');
        assert.equal(
          mismatch.detail,
          "PORTCULLIS_PEPPER does not match the pepper this database's secrets were hashed with (version 1)",
        );
        await assert.rejects(joinDeployment(node(store, pepperText(3, 1))), {
          code: 'config_invalid',
          detail:
            "PORTCULLIS_PEPPER lacks pepper version 1, which this database's newest secrets are hashed with",
        });
        assert.equal(
          (await store.deployment.get())?.currentPepperVersion,
          1,
          'a refused node changes nothing',
        );
        assert.deepEqual([...((await store.deployment.get())?.pepperChecks.keys() ?? [])], [1]);
      }));

    it('rotation: a ring with a new current version records it; then a ring without it is refused', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        await joinDeployment(node(store, OLD));
        const rotated = await joinDeployment(node(store, `${NEW},${OLD}`));
        assert.equal(rotated.currentPepperVersion, 2);
        assert.deepEqual([...rotated.pepperChecks.keys()], [1, 2]);
        await assert.rejects(joinDeployment(node(store, OLD)), /lacks pepper version 2/);
        await assert.rejects(joinDeployment(node(store, `${pepperText(2, 7)},${OLD}`)), /\(version 2\)$/);
        // Once every old hash is gone, the old pepper may leave the ring.
        assert.equal((await joinDeployment(node(store, NEW))).currentPepperVersion, 2);
      }));

    it('a master key that cannot open the canary refuses to start', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        await joinDeployment(node(store, OLD));
        await assert.rejects(joinDeployment(node(store, OLD, OTHER_MASTER_KEY)), {
          code: 'config_invalid',
          detail:
            "PORTCULLIS_MASTER_KEY does not match the master key this database's signing keys are sealed with",
        });
      }));

    it('a database from before the record: a master key that cannot open its signing keys writes nothing', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        const kid = 'kid-before-007';
        await store.signingKeys.insert({
          kid,
          alg: SIGNING_ALGORITHM,
          ...(await createKeyMaterial(kid, MASTER_KEY, cryptoRandom)),
          createdAt: 0,
          activeFrom: 0,
          retiredAt: null,
          expiresAt: null,
        });
        await assert.rejects(
          joinDeployment(node(store, OLD, OTHER_MASTER_KEY)),
          /PORTCULLIS_MASTER_KEY does not match/,
        );
        assert.equal(await store.deployment.get(), undefined);
        await joinDeployment(node(store, OLD));
        assert.ok(await store.deployment.get());
      }));

    it(
      'nodes with the same secrets starting at once all join, and read one record',
      { skip: oneThread },
      () =>
        onFreshDatabase(async (open) => {
          const stores = await openMany(open, 4);
          const records = await Promise.all(stores.map((store) => joinDeployment(node(store, OLD))));
          for (const record of records) assert.deepEqual(record, records[0]);
        }),
    );

    it(
      'nodes with other peppers starting at once: one writes the record, the others are refused',
      {
        skip: oneThread,
      },
      () =>
        onFreshDatabase(async (open) => {
          const stores = await openMany(open, 3);
          const outcomes = await Promise.allSettled(
            stores.map((store, index) => joinDeployment(node(store, pepperText(1, 20 + index)))),
          );
          assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected')
              assert.match(String(outcome.reason), /does not match the pepper/);
          }
        }),
    );

    it('the issuer: the first node to listen stores its own; later nodes get it; a public URL overrides locally', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        await joinDeployment(node(store, OLD));
        const claims = await Promise.all(
          ['http://127.0.0.1:4401', 'http://127.0.0.1:4402'].map((url) =>
            agreeOnIssuer(store, undefined, url),
          ),
        );
        assert.equal(claims[0], claims[1]);
        assert.equal(await agreeOnIssuer(store, undefined, 'http://10.0.0.3:4400'), claims[0]);
        assert.equal(
          await agreeOnIssuer(store, 'https://auth.example.com', 'http://10.0.0.3:4400'),
          'https://auth.example.com',
        );
        assert.equal((await store.deployment.get())?.issuer, claims[0], 'the override is not stored');
      }));

    it('a public URL at the first start is the stored issuer', () =>
      onFreshDatabase(async (open) => {
        const store = await open();
        await joinDeployment(node(store, OLD, MASTER_KEY, 'https://auth.example.com'));
        assert.equal(
          await agreeOnIssuer(store, undefined, 'http://127.0.0.1:4400'),
          'https://auth.example.com',
        );
      }));
  });
}
