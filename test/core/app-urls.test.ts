import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  firstAppUrlProblem,
  httpsUrlProblem,
  MAX_APP_URLS,
  originProblem,
  redirectUriProblem,
} from '../../src/core/app-urls.ts';
import { clientStatusAt } from '../../src/core/client-status.ts';

const scheme = fc.constantFrom('http', 'https');
// Letters and digits only: a `xn--` label that is not valid punycode would make the URL parser throw.
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => `${labels.join('.')}.example`);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
/** An origin as a browser serialises it: the default port is left out. */
const origin = fc
  .tuple(scheme, host, port)
  .map(([s, h, p]) => new URL(`${s}://${h}${p ? `:${p}` : ''}`).origin);

describe('originProblem', () => {
  test('accepts every origin exactly as a browser serialises it', () => {
    fc.assert(fc.property(origin, (value) => assert.equal(originProblem(value), undefined)));
  });

  test('refuses any origin with a path, query, fragment, user info or trailing slash added', () => {
    const suffix = fc.constantFrom('/', '/path', '?q=1', '#f', '/#');
    fc.assert(
      fc.property(origin, suffix, (value, extra) =>
        assert.notEqual(originProblem(`${value}${extra}`), undefined),
      ),
    );
    fc.assert(
      fc.property(origin, (value) =>
        assert.notEqual(originProblem(value.replace('://', '://user@')), undefined),
      ),
    );
  });

  test('refuses other schemes, wildcards, upper case, default ports, white space and non-URLs', () => {
    for (const value of [
      'ftp://x',
      'ws://x.example',
      'https://*.x.example',
      'HTTPS://X.EXAMPLE',
      'https://x.example:443',
      'http://x.example:80',
      ' https://x.example',
      'https://x.example\n',
      'null',
      '',
      'x.example',
    ]) {
      assert.notEqual(originProblem(value), undefined, value);
    }
  });
});

describe('redirectUriProblem', () => {
  test('accepts https anywhere and http on loopback hosts only', () => {
    for (const value of [
      'https://app.example/cb',
      'https://app.example:8443/cb?tenant=1',
      'http://127.0.0.1/cb',
      'http://127.0.0.1:51234/cb',
      'http://[::1]:8080/cb',
      'http://localhost:3000/oauth/callback',
    ]) {
      assert.equal(redirectUriProblem(value), undefined, value);
    }
  });

  test('refuses fragments, user info, http off loopback, other schemes, relative and spaced URIs', () => {
    for (const value of [
      'https://app.example/cb#x',
      'https://app.example/cb#',
      'https://user:pw@app.example/cb',
      'http://app.example/cb',
      'http://10.0.0.1/cb',
      'http://127.0.0.2/cb',
      'http://localhost.evil.example/cb',
      'javascript:alert(1)',
      'data:text/html,x',
      '/cb',
      'https://app.example/a b',
      `https://app.example/${'a'.repeat(2000)}`,
    ]) {
      assert.notEqual(redirectUriProblem(value), undefined, value);
    }
  });
});

describe('httpsUrlProblem and firstAppUrlProblem', () => {
  test('logo and homepage must be https without user info', () => {
    assert.equal(httpsUrlProblem('https://cdn.example/logo.png'), undefined);
    for (const value of ['http://cdn.example/logo.png', 'https://u@cdn.example/', 'cdn.example', '']) {
      assert.notEqual(httpsUrlProblem(value), undefined, value);
    }
  });

  test('names the first bad field with its index, and the list itself when it is too long', () => {
    assert.equal(firstAppUrlProblem({}), undefined);
    assert.equal(firstAppUrlProblem({ logoUrl: null, allowedOrigins: ['https://a.example'] }), undefined);
    assert.equal(
      firstAppUrlProblem({ allowedOrigins: ['https://a.example', 'https://b.example/'] })?.field,
      'allowedOrigins.1',
    );
    assert.equal(firstAppUrlProblem({ redirectUris: ['http://x.example/cb'] })?.field, 'redirectUris.0');
    assert.equal(firstAppUrlProblem({ homepageUrl: 'http://x.example' })?.field, 'homepageUrl');
    const many = Array.from({ length: MAX_APP_URLS + 1 }, (_, i) => `https://a${i}.example`);
    assert.equal(firstAppUrlProblem({ allowedOrigins: many })?.field, 'allowedOrigins');
  });
});

describe('clientStatusAt', () => {
  test('deleted wins over expired, expired over the stored status; expiry is inclusive of now', () => {
    const now = 1000;
    assert.equal(clientStatusAt({ status: 'deleted', expiresAt: 0 }, now), 'deleted');
    assert.equal(clientStatusAt({ status: 'suspended', expiresAt: now }, now), 'expired');
    assert.equal(clientStatusAt({ status: 'active', expiresAt: now + 1 }, now), 'active');
    assert.equal(clientStatusAt({ status: 'suspended', expiresAt: null }, now), 'suspended');
  });
});
