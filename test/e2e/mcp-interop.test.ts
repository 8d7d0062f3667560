import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auth, type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
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

/** The consent form's fields as a browser submits them: its hidden fields and the chosen workspace. */
function consentForm(html: string): URLSearchParams {
  const decodeHtml = (text: string) =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields.append(decodeHtml(match[1] as string), decodeHtml(match[2] as string));
  const chosen = /<input type="radio" name="tenant_id" value="([^"]+)" checked>/.exec(html);
  if (chosen) fields.set('tenant_id', decodeHtml(chosen[1] as string));
  return fields;
}

/**
 * An MCP client's OAuth provider with no browser: "opening" the authorization URL is a signed-in user's browser
 * loading the consent screen and pressing Approve. Everything else is the SDK's own flow, unmodified.
 */
class HeadlessProvider implements OAuthClientProvider {
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';
  code: string | undefined;
  consentHtml = '';

  readonly redirect: string;
  readonly issuer: string;
  readonly cookie: () => string;

  constructor(redirect: string, issuer: string, cookie: () => string) {
    this.redirect = redirect;
    this.issuer = issuer;
    this.cookie = cookie;
  }

  get redirectUrl(): string {
    return this.redirect;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Headless MCP client',
      redirect_uris: [this.redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(client: OAuthClientInformationMixed) {
    this.#client = client;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
  async redirectToAuthorization(url: URL): Promise<void> {
    const consent = await fetch(url, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    assert.equal(
      consent.status,
      200,
      `the consent screen: ${consent.status} ${consent.headers.get('location')}`,
    );
    this.consentHtml = await consent.text();
    const form = consentForm(this.consentHtml);
    form.set('decision', 'approve');
    const decided = await fetch(new URL('/api/v1/platform/oauth/authorize', this.issuer), {
      method: 'POST',
      headers: {
        cookie: this.cookie(),
        origin: this.issuer,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
      redirect: 'manual',
    });
    assert.equal(decided.status, 303);
    const back = new URL(decided.headers.get('location') as string);
    assert.equal(back.searchParams.get('iss'), this.issuer);
    this.code = back.searchParams.get('code') ?? undefined;
  }
}

/** The same headless client, named by the URL of its Client ID Metadata Document instead of registering. */
class DocumentProvider extends HeadlessProvider {
  readonly clientMetadataUrl: string;

  constructor(redirect: string, issuer: string, cookie: () => string, clientMetadataUrl: string) {
    super(redirect, issuer, cookie);
    this.clientMetadataUrl = clientMetadataUrl;
  }
}

/** A self-signed certificate for 127.0.0.1 (the SDK accepts only https document URLs), or undefined without openssl. */
function selfSignedCertificate(dir: string): { key: string; cert: string } | undefined {
  const key = join(dir, 'document-key.pem');
  const cert = join(dir, 'document-cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key, cert };
  } catch {
    return undefined;
  }
}

// Issue 13's interop: an MCP client nobody here wrote (the MCP SDK's, through its own `auth()` flow) connects to a
// platform's MCP server through Portcullis: discovery from the server's 401, dynamic client registration, a tenant
// owner's consent, tokens, a tool call, a refresh, and refusal once the installation is removed.
describe('the MCP SDK client installs itself through Portcullis and calls the example MCP server', {
  timeout: 120_000,
}, () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let platform: string;
  let tenantId: string;
  let mcpUrl: string;
  let mcp: Server;
  let cookie = '';
  let provider: HeadlessProvider;
  const clients: Client[] = [];
  let documents: HttpsServer | undefined;
  let documentUrl = '';

  const live = () => server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(live(), method, path, { auth: `Bearer ${platform}`, body });

  before(async () => {
    dataDir = await makeTempDir('mcp-interop');
    const port = await freePort();
    const mcpPort = await freePort();
    mcpUrl = `http://127.0.0.1:${mcpPort}/mcp`;
    // First start: the platform makes the tenant that owns self-registered apps, then names it in the config.
    server = await startServer(dataDir, { PORT: String(port) });
    platform = firstPlatformKey(live()) as string;
    const registry = await asPlatform('POST', '/api/v1/tenants', { name: 'Registered apps', plan: 'scale' });
    assert.equal(registry.status, 201, registry.text);
    await live().stop();
    // A Client ID Metadata Document served over https with a certificate the server is told to trust.
    const certificate = selfSignedCertificate(dataDir);
    const serverEnv: Record<string, string> = {};
    if (certificate) {
      const documentPort = await freePort();
      documentUrl = `https://127.0.0.1:${documentPort}/mcp-client.json`;
      const document = JSON.stringify({
        client_id: documentUrl,
        client_name: 'Headless CIMD client',
        redirect_uris: ['http://127.0.0.1:7778/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      });
      documents = createHttpsServer(
        { key: await readFile(certificate.key), cert: await readFile(certificate.cert) },
        (request, response) => {
          if (request.url !== '/mcp-client.json') return void response.writeHead(404).end();
          response.writeHead(200, { 'content-type': 'application/json' }).end(document);
        },
      );
      await new Promise<void>((resolve) => documents?.listen(documentPort, '127.0.0.1', resolve));
      serverEnv.NODE_EXTRA_CA_CERTS = certificate.cert;
    }
    const config = join(dataDir, 'config.json');
    await writeFile(
      config,
      JSON.stringify(
        withSuiteVocabulary({
          oauth: {
            resourceServers: [{ audience: mcpUrl, name: 'Courts MCP' }],
            registration: { mode: 'open', tenantId: registry.body.id },
            // The document server listens on loopback: allowed here, refused by default.
            clientMetadataDocuments: { allowPrivateNetworks: true },
          },
        }),
      ),
    );
    server = await startServer(dataDir, { PORT: String(port), PORTCULLIS_CONFIG: config, ...serverEnv });
    const tenant = await asPlatform('POST', '/api/v1/tenants', {
      name: 'Riverside Tennis Club',
      plan: 'pro',
    });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const verifier = await asPlatform('POST', '/api/v1/platform/keys', {
      name: 'mcp',
      permissions: ['verify'],
    });
    assert.equal(verifier.status, 201, verifier.text);
    mcp = createExampleServer({
      portcullisUrl: live().url,
      publicUrl: `http://127.0.0.1:${mcpPort}`,
      verifierKey: verifier.body.key,
    });
    await new Promise<void>((resolve) => mcp.listen(mcpPort, '127.0.0.1', resolve));

    const handoff = await asPlatform('POST', `/api/v1/tenants/${tenantId}/console-sessions`, {
      user: { externalId: 'owner-1', email: 'owner@club.example', name: 'Olive Owner' },
      role: 'owner',
    });
    assert.equal(handoff.status, 201, handoff.text);
    const opened = await fetch(handoff.body.url, { redirect: 'manual' });
    cookie = (
      opened.headers.getSetCookie().find((c) => c.startsWith('__Host-portcullis_session=')) ?? ''
    ).split(';')[0] as string;
    assert.ok(cookie);
    provider = new HeadlessProvider('http://127.0.0.1:7777/callback', live().url, () => cookie);
  });

  after(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await new Promise((resolve) => mcp?.close(resolve));
    await new Promise((resolve) => (documents ? documents.close(resolve) : resolve(undefined)));
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  async function connect(authProvider: OAuthClientProvider = provider): Promise<Client> {
    const client = new Client({ name: 'interop', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider }));
    clients.push(client);
    return client;
  }

  it('discovers through the 401, registers, is approved, and calls a tool', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    await assert.rejects(
      new Client({ name: 'interop', version: '1.0.0' }).connect(transport),
      UnauthorizedError,
    );
    assert.ok(provider.clientInformation()?.client_id, 'registered through RFC 7591');
    assert.match(provider.consentHtml, /It was not registered by this platform/);
    assert.ok(provider.code, 'the consent answered a code');
    await transport.finishAuth(provider.code as string);
    const tokens = provider.tokens() as OAuthTokens;
    assert.ok(tokens.access_token && tokens.refresh_token);

    const client = await connect();
    const tools = await client.listTools();
    assert.deepEqual(tools.tools.map((tool) => tool.name).sort(), ['create_booking', 'list_bookings']);
    const listed = await client.callTool({ name: 'list_bookings', arguments: {} });
    assert.equal(listed.isError ?? false, false);
  });

  it('refreshes through the SDK: a new access token and a rotated refresh token', async () => {
    const before = provider.tokens() as OAuthTokens;
    // Without an access token the SDK refreshes with what it holds.
    provider.saveTokens({ ...before, access_token: '' });
    assert.equal(await auth(provider, { serverUrl: mcpUrl }), 'AUTHORIZED');
    const after = provider.tokens() as OAuthTokens;
    assert.ok(after.access_token && after.access_token !== before.access_token);
    assert.ok(after.refresh_token && after.refresh_token !== before.refresh_token);
    const client = await connect();
    assert.equal((await client.callTool({ name: 'list_bookings', arguments: {} })).isError ?? false, false);
  });

  it('is refused on the next request once the tenant removes the installation', async () => {
    const installations = await asPlatform('GET', `/api/v1/tenants/${tenantId}/installations`);
    assert.equal(installations.status, 200, installations.text);
    assert.equal(installations.body.items.length, 1);
    const [installation] = installations.body.items;
    assert.equal(installation.app.publisher, 'registered');
    assert.equal(
      (await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/installations/${installation.id}`)).status,
      204,
    );
    const refused = await fetch(mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(provider.tokens() as OAuthTokens).access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(refused.status, 401);
    assert.match(String(refused.headers.get('www-authenticate')), /error="invalid_token"/);
  });

  it('a second client names itself by its metadata document URL (CIMD) instead of registering', async (t) => {
    if (!documentUrl) return t.skip('openssl is needed for the https document server');
    const documentProvider = new DocumentProvider(
      'http://127.0.0.1:7778/callback',
      live().url,
      () => cookie,
      documentUrl,
    );
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: documentProvider });
    await assert.rejects(
      new Client({ name: 'interop', version: '1.0.0' }).connect(transport),
      UnauthorizedError,
    );
    assert.equal(documentProvider.clientInformation()?.client_id, documentUrl, 'no registration: the URL');
    assert.match(documentProvider.consentHtml, /Install Headless CIMD client\?/);
    assert.match(
      documentProvider.consentHtml,
      /describes itself in a document published at <strong>127\.0\.0\.1:/,
    );
    assert.ok(documentProvider.code, 'the consent answered a code');
    await transport.finishAuth(documentProvider.code as string);
    const tokens = documentProvider.tokens() as OAuthTokens;
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString());
    assert.equal(claims.client_id, documentUrl);

    const client = await connect(documentProvider);
    assert.equal((await client.callTool({ name: 'list_bookings', arguments: {} })).isError ?? false, false);

    documentProvider.saveTokens({ ...tokens, access_token: '' });
    assert.equal(await auth(documentProvider, { serverUrl: mcpUrl }), 'AUTHORIZED');
    assert.ok((documentProvider.tokens() as OAuthTokens).refresh_token !== tokens.refresh_token);

    const installations = await asPlatform('GET', `/api/v1/tenants/${tenantId}/installations`);
    const installed = installations.body.items.find(
      (item: { app: { name: string } }) => item.app.name === 'Headless CIMD client',
    );
    assert.equal(installed?.app.publisher, 'registered');
  });
});
