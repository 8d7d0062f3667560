import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  errorCodes,
  errorRegistry,
  isPortcullisError,
  PortcullisError,
  problemType,
} from '../../src/core/errors.ts';

describe('errorRegistry', () => {
  test('every code has an HTTP error status in 400..599 and a non-empty title', () => {
    assert.ok(errorCodes.length > 0);
    assert.deepEqual(errorCodes, Object.keys(errorRegistry));
    for (const code of errorCodes) {
      const { status, title } = errorRegistry[code];
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
      assert.ok(title.trim().length > 0, code);
    }
  });

  test('codes are snake_case machine names', () => {
    for (const code of errorCodes) assert.match(code, /^[a-z]+(_[a-z]+)*$/);
  });

  test('problemType gives each code its own docs anchor', () => {
    const types = errorCodes.map((code) => problemType(code));
    assert.equal(new Set(types).size, errorCodes.length);
    for (const code of errorCodes) assert.equal(problemType(code), `/docs/errors#${code}`);
  });
});

describe('PortcullisError', () => {
  test('carries the code and the registry status for every code, with the title as default detail', () => {
    for (const code of errorCodes) {
      const error = new PortcullisError(code);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'PortcullisError');
      assert.equal(error.code, code);
      assert.equal(error.status, errorRegistry[code].status);
      assert.equal(error.detail, errorRegistry[code].title);
      assert.equal(error.message, errorRegistry[code].title);
      assert.deepEqual(error.extensions, {});
      assert.deepEqual(error.headers, {});
      assert.equal(error.cause, undefined);
      assert.equal(isPortcullisError(error), true);
    }
  });

  test('keeps a given detail, extensions, headers and cause', () => {
    const cause = new Error('disk full');
    const error = new PortcullisError('rate_limited', 'Slow down', {
      extensions: { retryAfter: 3 },
      headers: { 'Retry-After': '3' },
      cause,
    });
    assert.equal(error.detail, 'Slow down');
    assert.equal(error.message, 'Slow down');
    assert.equal(error.status, 429);
    assert.deepEqual(error.extensions, { retryAfter: 3 });
    assert.deepEqual(error.headers, { 'Retry-After': '3' });
    assert.equal(error.cause, cause);
  });

  test('isPortcullisError rejects other values', () => {
    for (const value of [new Error('x'), { code: 'not_found', status: 404 }, null, undefined, 'not_found']) {
      assert.equal(isPortcullisError(value), false);
    }
  });
});
