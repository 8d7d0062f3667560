import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SECURITY_HEADERS } from '../../src/http/security-headers.ts';
import { createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { assertNoSecret, assertProblem } from './support.ts';

/** Paths the router refuses before any route or hook: bad percent-encoding, a parameter over 200 characters. */
describe('paths the router refuses', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await startTestApp();
    key = (await createKey(t, await createTenant(t))).key;
  });
  after(() => t.close());

  test('a path that is not valid percent-encoding is a 400 problem that does not quote it', async () => {
    for (const method of ['GET', 'DELETE', 'TRACE']) {
      const response = await t.app.inject({ method: method as 'GET', url: `/api/v1/tenants/${key}%zz` });
      assertProblem(response, 400, 'bad_request');
      assertNoSecret(response.body, key);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        assert.equal(response.headers[name], value);
    }
  });

  test('a parameter longer than any id is a 404 problem that does not quote it', async () => {
    for (const method of ['GET', 'PATCH', 'TRACE']) {
      const response = await t.app.inject({
        method: method as 'GET',
        url: `/api/v1/tenants/${key}${'x'.repeat(200)}`,
        headers: { authorization: `Bearer ${t.platformKey}` },
      });
      assertProblem(response, 404, 'not_found');
      assertNoSecret(response.body, key);
      assert.equal(response.headers.allow, undefined);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        assert.equal(response.headers[name], value);
    }
  });
});
