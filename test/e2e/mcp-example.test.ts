import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createExampleServer } from '../../examples/mcp-server/server.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import {
  call,
  firstPlatformKey,
  freePort,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

// The protected-resource side of Portcullis (src/sdk) in the example MCP server, against the real Portcullis
// process: discovery through the 401, RFC 9728 metadata, tokens checked for audience and scope, API keys (the
// one-click MCP key) through /api/v1/verify, revocation holding at once there.
describe('the example MCP server, protected by the SDK', () => {
  let dataDir: string;
  let server: ServerProcess;
  let platform: string;
  let tenantId: string;
  let mcpUrl: string;
  let remote: Server;
  let offline: Server;
  let offlineUrl: string;
  const clients: Client[] = [];

  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { auth: `Bearer ${platform}`, body });

  async function token(scopes: string[], resource?: string): Promise<string> {
    const client = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: `mcp ${scopes.join(' ')}`,
      scopes,
      mode: 'live',
    });
    assert.equal(client.status, 201, client.text);
    const basic = Buffer.from(`${client.body.client_id}:${client.body.client_secret}`).toString('base64');
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(resource ? { resource } : {}) });
    const response = await fetch(`${server.url}/api/v1/platform/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await response.json()) as { access_token: string };
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.access_token;
  }

  async function connect(url: string, credential: string): Promise<Client> {
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${credential}` } },
      }),
    );
    clients.push(client);
    return client;
  }

  const postMcp = (
    url: string,
    authorization?: string,
    body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list' },
  ) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify(body),
    });

  before(async () => {
    const port = await freePort();
    const offlinePort = await freePort();
    mcpUrl = `http://127.0.0.1:${port}/mcp`;
    offlineUrl = `http://127.0.0.1:${offlinePort}/mcp`;
    dataDir = await makeTempDir('mcp');
    const config = join(dataDir, 'config.json');
    // The platform's own API first (the default audience), then the two MCP servers as resource servers.
    await writeFile(
      config,
      JSON.stringify(
        withSuiteVocabulary({
          oauth: {
            resourceServers: [
              { audience: 'https://api.platform.example', name: 'Platform API' },
              { audience: mcpUrl, name: 'Courts MCP' },
              { audience: offlineUrl, name: 'Courts MCP (offline)' },
            ],
          },
        }),
      ),
    );
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: config });
    platform = firstPlatformKey(server) as string;
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Riverside', plan: 'pro' });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const verifier = await asPlatform('POST', '/api/v1/platform/keys', {
      name: 'mcp verifier',
      permissions: ['verify'],
    });
    assert.equal(verifier.status, 201, verifier.text);
    remote = createExampleServer({
      portcullisUrl: server.url,
      publicUrl: `http://127.0.0.1:${port}`,
      verifierKey: verifier.body.key,
    });
    offline = createExampleServer({
      portcullisUrl: server.url,
      publicUrl: `http://127.0.0.1:${offlinePort}`,
    });
    await new Promise<void>((resolve) => remote.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => offline.listen(offlinePort, '127.0.0.1', resolve));
  });

  after(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await new Promise((resolve) => remote?.close(resolve));
    await new Promise((resolve) => offline?.close(resolve));
    await server?.stop();
    await removeDir(dataDir);
  });

  it('serves RFC 9728 metadata naming Portcullis, and a bare 401 challenge that points at it', async () => {
    const metadataUrl = new URL('/.well-known/oauth-protected-resource/mcp', mcpUrl);
    const metadata = await fetch(metadataUrl);
    assert.equal(metadata.status, 200);
    const document = (await metadata.json()) as Record<string, unknown>;
    assert.equal(document.resource, mcpUrl);
    assert.deepEqual(document.authorization_servers, [server.url]);
    assert.deepEqual(document.bearer_methods_supported, ['header']);

    const missing = await postMcp(mcpUrl);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl.href}"`);
    const garbage = await postMcp(mcpUrl, 'Bearer not-a-token');
    assert.equal(garbage.status, 401);
    assert.match(
      String(garbage.headers.get('www-authenticate')),
      /^Bearer error="invalid_token", .*resource_metadata="/,
    );
  });

  it('an access token for this resource with mcp:* lists and calls both tools (through /api/v1/verify and offline)', async () => {
    for (const url of [mcpUrl, offlineUrl]) {
      const client = await connect(url, await token(['mcp:*'], url));
      const tools = await client.listTools();
      assert.deepEqual(tools.tools.map((tool) => tool.name).sort(), ['create_booking', 'list_bookings']);
      const created = await client.callTool({
        name: 'create_booking',
        arguments: { court: 'Court 1', startsAt: '2026-12-07T10:00Z' },
      });
      assert.equal(created.isError ?? false, false);
      const listed = await client.callTool({ name: 'list_bookings', arguments: {} });
      const text = (listed.content as { text: string }[])[0]?.text ?? '';
      assert.match(text, /Court 1/);
    }
  });

  it('a token for another audience is refused (401 invalid_token), even though Portcullis signed it', async () => {
    for (const url of [mcpUrl, offlineUrl]) {
      const response = await postMcp(url, `Bearer ${await token(['mcp:*'])}`);
      assert.equal(response.status, 401, url);
      assert.match(String(response.headers.get('www-authenticate')), /error="invalid_token"/);
    }
  });

  it('a read-only token reads, and calling the write tool answers 403 insufficient_scope naming the scope', async () => {
    for (const url of [mcpUrl, offlineUrl]) {
      const readOnly = await token(['bookings:read'], url);
      const client = await connect(url, readOnly);
      const listed = await client.callTool({ name: 'list_bookings', arguments: {} });
      assert.equal(listed.isError ?? false, false);
      const refused = await postMcp(url, `Bearer ${readOnly}`, {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'create_booking', arguments: { court: 'Court 2', startsAt: 'soon' } },
      });
      assert.equal(refused.status, 403, url);
      const challenge = String(refused.headers.get('www-authenticate'));
      assert.match(challenge, /error="insufficient_scope"/);
      assert.match(challenge, /scope="bookings:write"/);
    }
  });

  it("seed 001's MCP key works through /api/v1/verify, is refused once revoked, and offline checks accept JWTs only", async () => {
    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'MCP',
      type: 'restricted',
      scopes: ['mcp:*'],
    });
    assert.equal(created.status, 201, created.text);
    const client = await connect(mcpUrl, created.body.key);
    assert.equal((await client.listTools()).tools.length, 2);
    const offlineAnswer = await postMcp(offlineUrl, `Bearer ${created.body.key}`);
    assert.equal(offlineAnswer.status, 401);
    // Seed 001 sends its keys as `ApiKey <key>`: taken through Portcullis, not offline (tokens only).
    assert.equal((await postMcp(mcpUrl, `ApiKey ${created.body.key}`)).status, 200);
    assert.equal((await postMcp(offlineUrl, `ApiKey ${created.body.key}`)).status, 400);

    const revoked = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/keys/${created.body.id}`);
    assert.ok(revoked.status === 200 || revoked.status === 204, revoked.text);
    const after = await postMcp(mcpUrl, `Bearer ${created.body.key}`);
    assert.equal(after.status, 401);
    assert.match(String(after.headers.get('www-authenticate')), /error="invalid_token"/);
    assert.equal((await postMcp(mcpUrl, `ApiKey ${created.body.key}`)).status, 401);
  });
});
