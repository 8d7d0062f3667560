import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RequestBatch, type RequestRecord, unpackRequests } from '../../src/store/index.ts';

const text = fc.string({ maxLength: 12 });
const record: fc.Arbitrary<RequestRecord> = fc.record({
  tenantId: fc.constantFrom('ten_a', 'ten_b'),
  credentialId: fc.constantFrom('key_1', 'key_2', 'cli_3'),
  credentialType: fc.constantFrom('api_key', 'access_token'),
  at: fc.integer({ min: 0, max: 2 ** 45 }),
  method: fc.option(fc.constantFrom('GET', 'POST')),
  path: fc.option(text),
  status: fc.constantFrom(200, 401, 403, 429),
  outcome: fc.constantFrom('valid', 'revoked', 'rate_limited'),
  latencyMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
  ip: fc.option(fc.constantFrom('203.0.113.7', '2001:db8::1')),
  rateLimited: fc.boolean(),
});

describe('RequestBatch', () => {
  test('unpacking a batch gives back every appended record, in order, null for null', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 2500 }), (records) => {
        const batch = new RequestBatch();
        for (const entry of records) batch.append(entry);
        assert.equal(batch.count, records.length);
        assert.deepEqual(
          unpackRequests(batch.take()),
          records.map((entry) => ({ ...entry })),
        );
      }),
      { numRuns: 40 },
    );
  });

  test('take hands over the rows and starts empty; strings are stored once per batch', () => {
    const batch = new RequestBatch();
    const row: RequestRecord = {
      tenantId: 'ten_a',
      credentialId: 'key_1',
      credentialType: 'api_key',
      at: 1,
      method: null,
      path: '/x',
      status: 200,
      outcome: 'valid',
      latencyMs: 0.5,
      ip: null,
      rateLimited: false,
    };
    batch.append(row);
    batch.append({ ...row, at: 2 });
    const first = batch.take();
    assert.equal(first.count, 2);
    assert.deepEqual(first.strings, ['ten_a', 'key_1', 'api_key', '/x', 'valid']);
    assert.equal(batch.count, 0);
    assert.deepEqual(unpackRequests(batch.take()), []);
    assert.deepEqual(
      unpackRequests(first).map((entry) => entry.at),
      [1, 2],
    );
  });
});
