import { after, before, describe } from 'node:test';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { issuePlatformKey } from '../../src/services/platform/platform-keys.ts';
import { asPlatform, startTestApp, type TestApp } from '../support/app.ts';
import { securityCases } from './security-cases.ts';

// The platform-key routes are management routes too; their happy and error cases are in platform-keys.test.ts.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const listKeys = async (s: TestApp) =>
  (await asPlatform(s, { method: 'GET', url: '/api/v1/platform/keys' })).body;

describe('platform keys: security', () => {
  securityCases(() => t, {
    method: 'POST',
    path: '/api/v1/platform/keys',
    url: async () => '/api/v1/platform/keys',
    body: { name: 'automation', permissions: ['verify'] },
    okStatus: 201,
    snapshot: listKeys,
  });
  securityCases(() => t, {
    method: 'GET',
    path: '/api/v1/platform/keys',
    url: async () => '/api/v1/platform/keys',
    okStatus: 200,
  });
  securityCases(() => t, {
    method: 'DELETE',
    path: '/api/v1/platform/keys/:keyId',
    url: async (s) =>
      `/api/v1/platform/keys/${(await issuePlatformKey(s.context, localPrincipal, 'target', ['verify'])).key.id}`,
    okStatus: 204,
    snapshot: listKeys,
  });
});
