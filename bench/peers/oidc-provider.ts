/**
 * `oidc-provider` configured for the grant Portcullis' token endpoint serves: `client_credentials` for one
 * confidential client authenticating with `client_secret_basic`, answered with an RFC 9068 JWT access token signed
 * ES256. It runs as its own `node:http` server on 127.0.0.1 (`provider.callback()`), with its default in-memory
 * adapter (JWT access tokens are not stored by it anyway).
 *
 * How the JWT format is chosen: oidc-provider issues opaque access tokens unless the token is for a resource
 * server whose `getResourceServerInfo` says `accessTokenFormat: 'jwt'`. With `features.resourceIndicators`, a
 * request without `resource` gets `defaultResource()`, here the one bench resource server, so the same body
 * Portcullis gets (`grant_type=client_credentials&scope=…`) yields a JWT whose `aud` is that resource server, as
 * Portcullis' default audience is. The signing key is an EC P-256 key made at start; `jwt.sign.alg` picks it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import Provider from 'oidc-provider';
import { announceReady, listenOnLoopback, readPeerEnv } from '../lib/server-peer.ts';
import { packageVersion } from '../lib/versions.ts';
import { basicAuthorization, tokenAudience, tokenScope } from '../lib/workloads.ts';

readPeerEnv();

const accessTokenTtlSeconds = 3600; // Portcullis' default; oidc-provider's own default is 600.
const clientId = 'bench-client';
const clientSecret = randomBytes(32).toString('base64url');
const signingJwk = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: randomBytes(8).toString('base64url'),
  alg: 'ES256',
  use: 'sig',
};

let handle: RequestListener = (_req, res) => {
  res.writeHead(503).end();
};
const server = createServer((req, res) => handle(req, res));
const port = await listenOnLoopback(server);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      // The default is RS256, for which this keystore has no key: client metadata would be refused.
      id_token_signed_response_alg: 'ES256',
      scope: tokenScope,
    },
  ],
  jwks: { keys: [signingJwk] },
  scopes: [tokenScope],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => tokenAudience,
      getResourceServerInfo: () => ({
        scope: tokenScope,
        audience: tokenAudience,
        accessTokenTTL: accessTokenTtlSeconds,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
});
provider.on('server_error', (_ctx, error) => {
  process.stderr.write(
    `oidc-provider server_error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
});
handle = provider.callback();

announceReady({
  port,
  path: '/token',
  headers: { authorization: basicAuthorization(clientId, clientSecret) },
  versions: { 'oidc-provider': packageVersion('oidc-provider') },
  settings: {
    grant: 'client_credentials, client_secret_basic, one client',
    accessTokenFormat: 'jwt (features.resourceIndicators: defaultResource + getResourceServerInfo)',
    signing: 'ES256, EC P-256 key made at start',
    adapter: 'default (in memory)',
    accessTokenTtlSeconds,
  },
});
