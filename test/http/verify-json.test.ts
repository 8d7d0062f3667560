import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyResultJson } from '../../src/http/verify-pipeline.ts';
import type { VerifyResult } from '../../src/services/verification/result.ts';

describe('verifyResultJson', () => {
  const scopes = Object.freeze(['bookings:read', 'read:*', 'say "hi"\\']);
  const valid: Extract<VerifyResult, { credentialType: 'api_key'; valid: true }> = {
    valid: true,
    credentialType: 'api_key',
    tenantId: 'ten_1',
    keyId: 'key_1',
    mode: 'live',
    type: 'restricted',
    scopes,
    meta: null,
    externalId: null,
    ratelimit: { limit: 60, remaining: 59, resetSeconds: 1 },
  };

  test('a valid answer parses back to the result, scopes included, every time', () => {
    assert.deepEqual(JSON.parse(verifyResultJson(valid)), valid);
    const again = { ...valid, keyId: 'key_2', ratelimit: { limit: 60, remaining: 58, resetSeconds: 2 } };
    assert.deepEqual(JSON.parse(verifyResultJson(again)), again, 'the cached scopes JSON joins a new answer');
    assert.deepEqual(JSON.parse(verifyResultJson({ ...valid, scopes: [] })).scopes, []);
  });

  test("an API key's meta and external id parse back, characters JSON must escape included", () => {
    const meta = { plan: 'gold', nested: { list: [1, 'two'] }, quote: 'say "hi"\\' };
    const owned = { ...valid, meta, externalId: 'cus_"1"\u2028' };
    assert.deepEqual(JSON.parse(verifyResultJson(owned)), owned);
    assert.deepEqual(
      JSON.parse(verifyResultJson(owned)),
      owned,
      'the cached meta JSON joins a second answer',
    );
  });

  test("an access token's answer parses back too, ids with characters JSON must escape included", () => {
    const token: VerifyResult = {
      valid: true,
      credentialType: 'access_token',
      tenantId: 'ten_"quoted"\\',
      clientId: 'cl_\u2028x',
      mode: 'test',
      scopes,
      ratelimit: { limit: 6000, remaining: 0, resetSeconds: 60 },
    };
    assert.deepEqual(JSON.parse(verifyResultJson(token)), token);
  });

  test('a refusal is plain JSON of the result', () => {
    const refused: VerifyResult = {
      valid: false,
      code: 'insufficient_scope',
      credentialType: 'api_key',
      tenantId: 'ten_1',
      keyId: 'key_1',
      missingScopes: ['bookings:write'],
    };
    assert.deepEqual(JSON.parse(verifyResultJson(refused)), refused);
  });
});
