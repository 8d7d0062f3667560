import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  call,
  firstPlatformKeyFile,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

interface ScopeItem {
  name: string;
  implies: string[];
  plans: string[];
}

// A server started with no configuration, as the README's quick start does: the built-in vocabulary is a small
// neutral read:/write: set over generic resources, and the quick start's calls work on it.
describe('the built-in vocabulary, on a server started without a configuration', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let platform: string;

  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server as ServerProcess, method, path, { auth: `Bearer ${platform}`, body });
  const tenantOn = async (plan: string): Promise<string> => {
    const created = await asPlatform('POST', '/api/v1/tenants', { name: `On ${plan}`, plan });
    assert.equal(created.status, 201, created.text);
    return created.body.id;
  };

  before(async () => {
    dataDir = await makeTempDir('default-vocabulary');
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: '' });
    platform = (await readFile(firstPlatformKeyFile(dataDir), 'utf8')).trim();
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('is read: and write: over generic resources, every write implying its read', async () => {
    const response = await asPlatform('GET', '/api/v1/scopes');
    assert.equal(response.status, 200, response.text);
    const items = response.body.items as ScopeItem[];
    const names = items.map((item) => item.name);
    assert.ok(names.length >= 6 && names.length <= 20, `a small set, not ${names.length}`);
    for (const name of names) assert.match(name, /^(read|write):([a-z]+|\*)$/);
    for (const item of items.filter((entry) => entry.name.startsWith('write:'))) {
      const read = `read:${item.name.slice('write:'.length)}`;
      assert.ok(names.includes(read), `${item.name} has its ${read}`);
      assert.deepEqual(item.implies, [read]);
    }
    const plans = await asPlatform('GET', '/api/v1/plans');
    assert.deepEqual(
      plans.body.items.map((plan: { id: string }) => plan.id),
      ['free', 'pro', 'scale'],
    );
    // Every plan can use some of it, and each plan entitles more than the one before it.
    const entitled = (plan: string) =>
      names.filter((name) => items.find((item) => item.name === name)?.plans.includes(plan));
    assert.ok(entitled('free').length > 0);
    assert.ok(
      entitled('free').every((name) => name.startsWith('read:')),
      'free reads only',
    );
    assert.ok(entitled('pro').length > entitled('free').length);
    assert.deepEqual(entitled('scale'), names);
  });

  it("runs the README's quick start: a pro tenant's restricted key for records and reports verifies", async () => {
    const tenantId = await tenantOn('pro');
    const key = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'reporting',
      type: 'restricted',
      scopes: ['read:records', 'read:reports'],
    });
    assert.equal(key.status, 201, key.text);
    const valid = await asPlatform('POST', '/api/v1/verify', { key: key.body.key, scopes: ['read:records'] });
    assert.equal(valid.body.valid, true, valid.text);
    assert.deepEqual([...valid.body.scopes].sort(), ['read:records', 'read:reports']);
    const write = await asPlatform('POST', '/api/v1/verify', {
      key: key.body.key,
      scopes: ['write:records'],
    });
    assert.equal(write.body.valid, false);
    assert.equal(write.body.code, 'insufficient_scope');
    assert.deepEqual(write.body.missingScopes, ['write:records']);
  });

  it('gates writes by plan, and knows nothing of any one platform’s scopes', async () => {
    const tenantId = await tenantOn('free');
    const write = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'writer',
      type: 'restricted',
      scopes: ['write:records'],
    });
    assert.equal(write.status, 403, write.text);
    assert.equal(write.body.code, 'plan_required');
    assert.deepEqual(write.body.plans, ['pro', 'scale']);
    const foreign = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'bookings',
      type: 'restricted',
      scopes: ['bookings:read'],
    });
    assert.equal(foreign.status, 422, foreign.text);
    assert.deepEqual(foreign.body.unknownScopes, ['bookings:read']);
    const read = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'reader',
      type: 'restricted',
      scopes: ['read:records'],
    });
    assert.equal(read.status, 201, read.text);
  });
});
