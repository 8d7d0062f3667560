import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { generateCredential } from '../../src/core/credential-format.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { PepperRing } from '../../src/services/peppers.ts';
import { TEST_PEPPER } from '../support/app.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

/** Asserts an RFC 9457 problem document with this status and stable code, and returns it. */
export function assertProblem(response: LightMyRequestResponse, status: number, code: ErrorCode): Problem {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = response.json<Problem>();
  assert.equal(problem.code, code);
  assert.equal(problem.status, status);
  assert.equal(problem.type, `/docs/errors#${code}`);
  assert.equal(typeof problem.title, 'string');
  assert.equal(typeof problem.detail, 'string');
  return problem;
}

/** A key with a valid format and checksum that no one ever issued. */
export function unknownKey(prefix: string, mode: 'live' | 'test' = 'live'): string {
  return generateCredential(prefix, mode, cryptoRandom);
}

/** The same key with one body character changed: the checksum no longer matches. */
export function mistyped(key: string): string {
  const at = key.length - 10;
  const replacement = key[at] === 'A' ? 'B' : 'A';
  return key.slice(0, at) + replacement + key.slice(at + 1);
}

/** Asserts that neither a plaintext key nor its stored hash appears anywhere in a response body. */
export function assertNoSecret(body: string, plaintext: string): void {
  const hash = PepperRing.parse(TEST_PEPPER).hashCurrent(plaintext);
  assert.equal(body.includes(plaintext), false, 'the plaintext key appears in the response');
  assert.equal(body.includes(hash), false, 'the key hash appears in the response');
  // The random body alone (without prefix and mode) must not leak either.
  assert.equal(body.includes(plaintext.slice(-30)), false, 'the key body appears in the response');
}

/** An API key as the management API presents it; `key` (the plaintext) only in create and roll answers. */
export interface KeyView {
  id: string;
  tenantId: string;
  name: string;
  mode: 'live' | 'test';
  type: 'secret' | 'restricted';
  scopes: string[] | null;
  ipAllowlist: string[] | null;
  displayPrefix: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  previousSecretExpiresAt: string | null;
  meta: Record<string, unknown> | null;
  externalId: string | null;
  rateLimit: { requestsPerMinute: number } | null;
  credits: { remaining: number; refill: { amount: number; interval: 'day' | 'month' } | null } | null;
  key?: string;
}

export const keysUrl = (tenantId: string): string => `/api/v1/tenants/${tenantId}/keys`;
