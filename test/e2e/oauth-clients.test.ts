import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type RemoteJWKSet,
} from 'jose';
import * as oauth from 'oauth4webapi';
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

/** The resource server tokens are issued for (RFC 8707 `resource`), configured in the config file. */
const API = 'https://api.example.com';
const OTHER_API = 'https://other.example.com';
const ROTATE = '/api/v1/platform/signing-keys/rotate';
const CLIENT_SCOPES = ['bookings:read', 'bookings:write', 'analytics:read', 'read:reports'];
const REQUEST_TIMEOUT_MS = 5000;

/**
 * Options for every oauth4webapi request: the tests reach the server over http://127.0.0.1, which the
 * library refuses unless told otherwise; every request is bounded.
 */
const requestOptions = {
  [oauth.allowInsecureRequests]: true,
  signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
} as const;

/** The rejection of `promise`, failing the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.fail('expected a rejection');
}

/** Every file under `dir`, as raw bytes, by relative path (the db, its -wal and -shm included). */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}

/** The secret part of a client secret (everything after `<prefix>_<mode>_`). */
const secretBody = (secret: string) => secret.split('_').slice(2).join('_');

// Real third-party clients against the real server process: oauth4webapi as the OAuth client (discovery,
// client credentials with both secret methods, introspection, revocation, error handling) and jose's remote
// JWKS as a resource server would validate tokens, across a signing-key rotation and a restart.
describe('third-party OAuth clients against the real server', { timeout: 120_000 }, () => {
  let dataDir: string;
  let configDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let platform: string;
  let tenantId: string;
  let clientId: string;
  let clientSecret: string;
  let issuer: string;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  /** Every client secret presented (right or wrong) and every token issued: none may be stored or logged. */
  const presentedSecrets: string[] = [];
  const issuedTokens: string[] = [];
  let beforeRotation: string;
  let afterRotation: string;
  let revokedToken: string;
  let firstKid: string;
  let rotatedKid: string;
  /** Processes already stopped (the one before the restart): their output is checked too. */
  const stoppedServers: ServerProcess[] = [];

  const live = () => server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(live(), method, path, { auth: `Bearer ${platform}`, body });
  const jwksUrl = () => new URL(`${issuer}/.well-known/jwks.json`);

  /** client_credentials through oauth4webapi; the token is remembered for the leak check. */
  async function grant(
    auth: oauth.ClientAuth,
    parameters: Record<string, string> = {},
  ): Promise<oauth.TokenEndpointResponse> {
    const response = await oauth.clientCredentialsGrantRequest(as, client, auth, parameters, requestOptions);
    const result = await oauth.processClientCredentialsResponse(as, client, response);
    issuedTokens.push(result.access_token);
    return result;
  }

  async function introspect(token: string, auth: oauth.ClientAuth = oauth.ClientSecretBasic(clientSecret)) {
    const response = await oauth.introspectionRequest(as, client, auth, token, requestOptions);
    return oauth.processIntrospectionResponse(as, client, response);
  }

  /** What a resource server does with jose: RFC 9068 §4 checks against the published keys. */
  const verifyWithJose = (jwks: RemoteJWKSet, token: string, audience = API) =>
    jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });

  const verifyOnServer = (token: string) => asPlatform('POST', '/api/v1/verify', { key: token });
  const whoami = (token: string) => call(live(), 'GET', '/api/v1/whoami', { auth: `Bearer ${token}` });

  async function assertAcceptedByServer(token: string): Promise<void> {
    const verified = await verifyOnServer(token);
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.valid, true, verified.text);
    assert.equal(verified.body.credentialType, 'access_token');
    assert.equal(verified.body.tenantId, tenantId);
    assert.equal(verified.body.clientId, clientId);
    assert.equal(verified.body.mode, 'live');
    const me = await whoami(token);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.credentialType, 'access_token');
    assert.equal(me.body.tenantId, tenantId);
    assert.equal(me.body.clientId, clientId);
    assert.equal(me.body.mode, 'live');
    assert.ok(me.body.scopes.includes('bookings:read'), me.text);
  }

  before(async () => {
    dataDir = await makeTempDir('oauth');
    configDir = await makeTempDir('oauth-config');
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(
      configPath,
      JSON.stringify(
        withSuiteVocabulary({ oauth: { resourceServers: [{ audience: API, name: 'Example API' }] } }),
      ),
    );
    // A fixed port: the restart below keeps its URL, and so its issuer. Trace logging gives leaks every chance.
    env = {
      PORTCULLIS_CONFIG: configPath,
      PORT: String(await freePort()),
      PORTCULLIS_LOG_LEVEL: 'trace',
    };
    server = await startServer(dataDir, env);
    platform = firstPlatformKey(server) as string;
    assert.ok(platform, 'first start printed a platform key');
    issuer = server.url;

    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Interop Travel', plan: 'pro' });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'booking sync',
      scopes: CLIENT_SCOPES,
      mode: 'live',
    });
    assert.equal(created.status, 201, created.text);
    clientId = created.body.client_id;
    clientSecret = created.body.client_secret;
    assert.ok(clientId && clientSecret);
    presentedSecrets.push(clientSecret);
    client = { client_id: clientId };
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('discovery: oauth4webapi reads RFC 8414 metadata whose issuer is the URL the server is reached at', async () => {
    const issuerUrl = new URL(issuer);
    // Without the opt-in, oauth4webapi refuses a plain-http issuer before sending anything.
    const refused = await rejection(oauth.discoveryRequest(issuerUrl, { algorithm: 'oauth2' }));
    assert.ok(refused instanceof oauth.OperationProcessingError);
    assert.equal(refused.message, 'only requests to HTTPS are allowed');

    const response = await oauth.discoveryRequest(issuerUrl, { ...requestOptions, algorithm: 'oauth2' });
    assert.equal(new URL(response.url).pathname, '/.well-known/oauth-authorization-server');
    as = await oauth.processDiscoveryResponse(issuerUrl, response);
    assert.equal(as.issuer, issuer);
    assert.equal(as.token_endpoint, `${issuer}/api/v1/platform/oauth/token`);
    assert.equal(as.introspection_endpoint, `${issuer}/api/v1/platform/oauth/introspect`);
    assert.equal(as.revocation_endpoint, `${issuer}/api/v1/platform/oauth/revoke`);
    assert.equal(as.jwks_uri, jwksUrl().href);
    assert.ok(as.grant_types_supported?.includes('client_credentials'));
    for (const method of ['client_secret_basic', 'client_secret_post']) {
      assert.ok(as.token_endpoint_auth_methods_supported?.includes(method), method);
      assert.ok(as.introspection_endpoint_auth_methods_supported?.includes(method), method);
      assert.ok(as.revocation_endpoint_auth_methods_supported?.includes(method), method);
    }
    for (const scope of CLIENT_SCOPES) assert.ok(as.scopes_supported?.includes(scope), scope);

    // A client expecting another issuer (here: another port) rejects the same document.
    const elsewhere = new URL('http://127.0.0.1:1/');
    const mismatch = await rejection(
      oauth.processDiscoveryResponse(
        elsewhere,
        await oauth.discoveryRequest(issuerUrl, { ...requestOptions, algorithm: 'oauth2' }),
      ),
    );
    assert.ok(mismatch instanceof oauth.OperationProcessingError);
    assert.equal(mismatch.message, '"response" body "issuer" property does not match the expected value');
  });

  it('client credentials with client_secret_basic, a scope and a resource', async () => {
    const result = await grant(oauth.ClientSecretBasic(clientSecret), {
      scope: 'bookings:read analytics:read',
      resource: API,
    });
    assert.equal(result.token_type, 'bearer', 'oauth4webapi lowercases token_type');
    assert.equal(result.expires_in, 3600);
    assert.equal(result.scope, 'bookings:read analytics:read');
    assert.equal(result.refresh_token, undefined, 'no refresh token for client_credentials');

    const header = decodeProtectedHeader(result.access_token);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'at+jwt');
    assert.equal(typeof header.kid, 'string');
    firstKid = header.kid as string;
    const claims = decodeJwt(result.access_token);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.sub, clientId);
    assert.equal(claims.client_id, clientId);
    assert.equal(claims.aud, API);
    assert.equal(claims.scope, 'bookings:read analytics:read');
    assert.equal(claims.tenant, tenantId);
    assert.equal(claims.mode, 'live');
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
    assert.equal(typeof claims.jti, 'string');
    beforeRotation = result.access_token;
  });

  it('client credentials with client_secret_post; without scope or resource: every scope, default audience', async () => {
    const scoped = await grant(oauth.ClientSecretPost(clientSecret), {
      scope: 'bookings:write',
      resource: API,
    });
    assert.equal(scoped.scope, 'bookings:write');
    assert.equal(decodeJwt(scoped.access_token).aud, API);
    revokedToken = scoped.access_token;

    const defaults = await grant(oauth.ClientSecretPost(clientSecret));
    assert.deepEqual(defaults.scope?.split(' ').sort(), [...CLIENT_SCOPES].sort());
    const claims = decodeJwt(defaults.access_token);
    assert.equal(claims.aud, API, 'the first configured resource server is the default audience');
    assert.notEqual(claims.jti, decodeJwt(scoped.access_token).jti);
  });

  it('jose: createRemoteJWKSet + jwtVerify validate the issued token as a resource server would', async () => {
    const jwks = createRemoteJWKSet(jwksUrl());
    const { payload, protectedHeader } = await verifyWithJose(jwks, beforeRotation);
    assert.equal(protectedHeader.kid, firstKid);
    assert.equal(payload.client_id, clientId);
    assert.equal(payload.tenant, tenantId);

    const wrongAudience = await rejection(verifyWithJose(jwks, beforeRotation, OTHER_API));
    assert.ok(wrongAudience instanceof joseErrors.JWTClaimValidationFailed);
    assert.equal(wrongAudience.claim, 'aud');
    const wrongIssuer = await rejection(
      jwtVerify(beforeRotation, jwks, { issuer: 'https://elsewhere.example.com', audience: API }),
    );
    assert.ok(wrongIssuer instanceof joseErrors.JWTClaimValidationFailed);
    assert.equal(wrongIssuer.claim, 'iss');
    const [head, body, signature] = beforeRotation.split('.') as [string, string, string];
    const tampered = `${head}.${body}.${signature.at(0) === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    assert.ok(
      (await rejection(verifyWithJose(jwks, tampered))) instanceof joseErrors.JWSSignatureVerificationFailed,
    );

    // oauth4webapi's own RFC 9068 validator agrees (it fetches jwks_uri from the discovered metadata).
    const request = new Request(`${API}/bookings`, {
      headers: { authorization: `Bearer ${beforeRotation}` },
    });
    const validated = await oauth.validateJwtAccessToken(as, request, API, requestOptions);
    assert.equal(validated.client_id, clientId);
    assert.equal(validated.sub, clientId);

    await assertAcceptedByServer(beforeRotation);
  });

  it('introspection (RFC 7662) says active, revocation (RFC 7009) ends the token, introspection then says inactive', async () => {
    const active = await introspect(revokedToken);
    assert.equal(active.active, true);
    assert.equal(active.client_id, clientId);
    assert.equal(active.sub, clientId);
    assert.equal(active.scope, 'bookings:write');
    assert.equal(active.token_type, 'Bearer');
    assert.equal(active.iss, issuer);
    assert.deepEqual(active.aud, [API]);
    assert.equal(active.tenant, tenantId);
    assert.equal(active.mode, 'live');
    assert.equal(active.jti, decodeJwt(revokedToken).jti);
    assert.equal((active.exp as number) - (active.iat as number), 3600);
    // The same answer with client_secret_post.
    assert.equal((await introspect(revokedToken, oauth.ClientSecretPost(clientSecret))).active, true);
    await assertAcceptedByServer(revokedToken);

    const response = await oauth.revocationRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      revokedToken,
      requestOptions,
    );
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(await oauth.processRevocationResponse(response), undefined);

    assert.deepEqual(await introspect(revokedToken), { active: false });
    assert.deepEqual(await introspect(revokedToken, oauth.ClientSecretPost(clientSecret)), { active: false });
    const verified = await verifyOnServer(revokedToken);
    assert.equal(verified.body.valid, false);
    assert.equal(verified.body.code, 'revoked');
    assert.equal((await whoami(revokedToken)).status, 401);
    // A self-contained JWT: a verifier that only checks the signature cannot know about revocation.
    await verifyWithJose(createRemoteJWKSet(jwksUrl()), revokedToken);

    // Revoking something that is not a token of ours is still 200 (RFC 7009 §2.2), with client_secret_post.
    const unknown = await oauth.revocationRequest(
      as,
      client,
      oauth.ClientSecretPost(clientSecret),
      'not-a-token',
      requestOptions,
    );
    assert.equal(await oauth.processRevocationResponse(unknown), undefined);
    assert.deepEqual(await introspect('not-a-token'), { active: false });
  });

  it('errors reach oauth4webapi as RFC 6749 errors: invalid_client, unsupported_grant_type, invalid_scope, invalid_target', async () => {
    const last = clientSecret.at(-1) === 'A' ? 'B' : 'A';
    const wrongSecret = `${clientSecret.slice(0, -1)}${last}`;
    presentedSecrets.push(wrongSecret);

    // Basic: 401 with a Basic challenge, which oauth4webapi raises before it reads the body.
    const basic = await rejection(grant(oauth.ClientSecretBasic(wrongSecret), { scope: 'bookings:read' }));
    assert.ok(basic instanceof oauth.WWWAuthenticateChallengeError, String(basic));
    assert.equal(basic.message, 'server responded with a challenge in the WWW-Authenticate HTTP Header');
    assert.equal(basic.status, 401);
    assert.equal(basic.cause[0]?.scheme, 'basic');
    assert.equal(basic.cause[0]?.parameters.realm, 'portcullis');
    const basicBody = (await basic.response.json()) as { error?: string };
    assert.equal(basicBody.error, 'invalid_client');

    // Post: 401 without a challenge, so the body error surfaces as ResponseBodyError.
    const post = await rejection(grant(oauth.ClientSecretPost(wrongSecret), { scope: 'bookings:read' }));
    assert.ok(post instanceof oauth.ResponseBodyError, String(post));
    assert.equal(post.message, 'server responded with an error in the response body');
    assert.equal(post.error, 'invalid_client');
    assert.equal(post.status, 401);
    assert.equal(post.response.headers.get('www-authenticate'), null);

    const unknownClient = { client_id: 'no-such-client' };
    const unknown = await rejection(
      oauth
        .clientCredentialsGrantRequest(
          as,
          unknownClient,
          oauth.ClientSecretPost(wrongSecret),
          {},
          requestOptions,
        )
        .then((response) => oauth.processClientCredentialsResponse(as, unknownClient, response)),
    );
    assert.ok(unknown instanceof oauth.ResponseBodyError);
    assert.equal(unknown.error, 'invalid_client');

    // Introspection with a wrong secret is refused the same way.
    const introspection = await rejection(introspect(beforeRotation, oauth.ClientSecretPost(wrongSecret)));
    assert.ok(introspection instanceof oauth.ResponseBodyError);
    assert.equal(introspection.error, 'invalid_client');

    for (const grantType of ['password', 'urn:ietf:params:oauth:grant-type:jwt-bearer']) {
      const response = await oauth.genericTokenEndpointRequest(
        as,
        client,
        oauth.ClientSecretBasic(clientSecret),
        grantType,
        { username: 'someone', password: 'something', assertion: 'x.y.z' },
        requestOptions,
      );
      const unsupported = await rejection(oauth.processGenericTokenEndpointResponse(as, client, response));
      assert.ok(unsupported instanceof oauth.ResponseBodyError, grantType);
      assert.equal(unsupported.error, 'unsupported_grant_type', grantType);
      assert.equal(unsupported.status, 400);
    }

    const scope = await rejection(grant(oauth.ClientSecretBasic(clientSecret), { scope: 'customers:read' }));
    // RFC 6749 §5.2: no Basic challenge on a 400, or oauth4webapi would raise WWWAuthenticateChallengeError.
    assert.ok(scope instanceof oauth.ResponseBodyError, String(scope));
    assert.equal(scope.response.headers.get('www-authenticate'), null);
    assert.equal(scope.error, 'invalid_scope');
    assert.equal(scope.error_description, 'the client does not hold "customers:read"');

    const target = await rejection(grant(oauth.ClientSecretPost(clientSecret), { resource: OTHER_API }));
    assert.ok(target instanceof oauth.ResponseBodyError);
    assert.equal(target.error, 'invalid_target');
  });

  it('across a signing-key rotation: the old token still verifies with the remote JWKS, the new one carries the new kid', async () => {
    // A resource server that was already running and has the old key set cached.
    const running = createRemoteJWKSet(jwksUrl(), { cooldownDuration: 0 });
    await verifyWithJose(running, beforeRotation);
    assert.deepEqual(
      running.jwks()?.keys.map((key) => key.kid),
      [firstKid],
    );

    const rotated = await asPlatform('POST', ROTATE);
    assert.equal(rotated.status, 200, rotated.text);
    rotatedKid = rotated.body.kid;
    assert.notEqual(rotatedKid, firstKid);
    assert.deepEqual(
      rotated.body.retired.map((key: { kid: string }) => key.kid),
      [firstKid],
    );

    const result = await grant(oauth.ClientSecretBasic(clientSecret), {
      scope: 'bookings:read',
      resource: API,
    });
    afterRotation = result.access_token;
    assert.equal(decodeProtectedHeader(afterRotation).kid, rotatedKid);

    // The running verifier meets an unknown kid and refetches; the old key is still published.
    assert.equal((await verifyWithJose(running, afterRotation)).protectedHeader.kid, rotatedKid);
    assert.equal((await verifyWithJose(running, beforeRotation)).protectedHeader.kid, firstKid);
    assert.deepEqual(
      running
        .jwks()
        ?.keys.map((key) => key.kid)
        .sort(),
      [firstKid, rotatedKid].sort(),
    );
    // A verifier starting now, with jose's defaults, accepts both.
    const fresh = createRemoteJWKSet(jwksUrl());
    await verifyWithJose(fresh, beforeRotation);
    await verifyWithJose(fresh, afterRotation);

    assert.equal((await introspect(beforeRotation)).active, true);
    assert.equal((await introspect(afterRotation)).active, true);
    await assertAcceptedByServer(beforeRotation);
    await assertAcceptedByServer(afterRotation);
  });

  it('after a restart on the same data dir, tokens issued before it still verify (keys sealed in the data dir)', async () => {
    assert.equal(await server?.stop(), 0, server?.stderr());
    stoppedServers.push(live());
    server = await startServer(dataDir, env);
    assert.equal(server.url, issuer, 'same port, same issuer');
    assert.doesNotMatch(server.stdout(), /First platform key/, 'a restart makes no platform key');

    const metadata = await oauth.processDiscoveryResponse(
      new URL(issuer),
      await oauth.discoveryRequest(new URL(issuer), { ...requestOptions, algorithm: 'oauth2' }),
    );
    assert.equal(metadata.issuer, issuer);
    const jwks = createRemoteJWKSet(jwksUrl());
    assert.equal((await verifyWithJose(jwks, beforeRotation)).protectedHeader.kid, firstKid);
    assert.equal((await verifyWithJose(jwks, afterRotation)).protectedHeader.kid, rotatedKid);
    await assertAcceptedByServer(beforeRotation);
    await assertAcceptedByServer(afterRotation);
    assert.equal((await introspect(beforeRotation)).active, true);
    assert.deepEqual(await introspect(revokedToken), { active: false }, 'the revocation survives too');

    const next = await grant(oauth.ClientSecretPost(clientSecret), { scope: 'read:reports' });
    assert.equal(decodeProtectedHeader(next.access_token).kid, rotatedKid, 'the rotated key still signs');
    await verifyWithJose(jwks, next.access_token);
  });

  it('no client secret or access token in the data dir (db, -wal, -shm) or in the server output', async () => {
    assert.deepEqual([issuedTokens.length, presentedSecrets.length], [5, 2]);
    const assertNone = (where: string, bytes: Buffer | string) => {
      const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : bytes;
      for (const secret of presentedSecrets) {
        assert.ok(!text.includes(secretBody(secret)), `${where} contains a client secret`);
      }
      for (const token of issuedTokens) {
        const signature = token.split('.')[2] as string;
        assert.ok(!text.includes(token) && !text.includes(signature), `${where} contains an access token`);
      }
    };
    const running = await readTree(dataDir);
    assert.ok(running.has('portcullis.db-wal'), [...running.keys()].join(', '));
    for (const [path, bytes] of running) assertNone(path, bytes);

    assert.equal(await server?.stop(), 0);
    for (const [path, bytes] of await readTree(dataDir)) assertNone(path, bytes);
    stoppedServers.push(live());
    assert.equal(stoppedServers.length, 2);
    for (const [index, stopped] of stoppedServers.entries()) {
      assert.ok(stopped.stdout().includes('listening'), 'the output was captured');
      assertNone(`stdout of process ${index + 1}`, stopped.stdout());
      assertNone(`stderr of process ${index + 1}`, stopped.stderr());
    }
  });
});
