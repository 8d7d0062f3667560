import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureConsoleBuilt } from '../../src/console/build.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let script: string;
before(async () => {
  await ensureConsoleBuilt();
  const assets = readdirSync(fileURLToPath(new URL('../../dist/console/assets/', import.meta.url)));
  script = assets.find((name) => name.endsWith('.js')) as string;
  t = await startTestApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('the console at /console', () => {
  for (const path of ['/console', '/console/', '/console/sign-in', '/console/w/ten_x/live/keys/key_1?x=1']) {
    it(`${path} answers the app's page with a CSP that allows this origin only and no framing`, async () => {
      const response = await get(path);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, /<div id="root"><\/div>/);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    });
  }

  it('serves built assets with a long, immutable cache lifetime (their names carry a content hash)', async () => {
    const response = await get(`/console/assets/${script}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /javascript/);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers 404 as a problem for an asset that does not exist, and never lists the folder', async () => {
    for (const path of ['/console/assets/missing.js', '/console/assets/', '/console/assets/.source-hash']) {
      const response = await get(path);
      assert.equal(response.statusCode, 404, path);
      assert.equal(JSON.parse(response.body).code, 'not_found', path);
    }
  });

  it('is not part of the API description', async () => {
    const document = JSON.parse((await get('/openapi.json')).body);
    assert.deepEqual(
      Object.keys(document.paths).filter((path) => path.startsWith('/console')),
      [],
    );
  });

  it('the session the console runs on is refused to a state-changing request from another origin', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: '__Host-portcullis_session=x', origin: 'https://evil.example' },
    });
    assert.ok(response.statusCode === 401 || response.statusCode === 403, String(response.statusCode));
  });
});
