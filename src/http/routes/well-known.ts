import { z } from 'zod';
import { CLIENT_ASSERTION_ALGS } from '../../core/client-jwks.ts';
import { managementPermissionNames } from '../../core/management-permissions.ts';
import { publicSecurity } from '../auth/security.ts';
import { allowAnyOrigin, answerOpenPreflight } from '../oauth/cors.ts';
import type { App, RouteDeps } from './types.ts';

/** Verifiers cache the key set this long; a new key is published well before it signs (signingKeyPublishLead). */
const PUBLIC_CACHE = 'public, max-age=300';

const jwkSchema = z
  .object({
    kty: z.string(),
    kid: z.string(),
    alg: z.string(),
    use: z.literal('sig'),
    crv: z.string(),
    x: z.string(),
    y: z.string(),
  })
  .describe('A public signing key (RFC 7517 §4)');

const jwksSchema = z.object({ keys: z.array(jwkSchema) }).describe('JWK Set (RFC 7517 §5)');

// `private_key_jwt`: a client whose app registered public keys signs an assertion instead (decision 035).
const clientAuthMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];

const metadataSchema = z
  .object({
    issuer: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    introspection_endpoint: z.string(),
    revocation_endpoint: z.string(),
    jwks_uri: z.string(),
    registration_endpoint: z.string().optional(),
    grant_types_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    response_modes_supported: z.array(z.string()),
    code_challenge_methods_supported: z.array(z.string()),
    authorization_response_iss_parameter_supported: z.boolean(),
    client_id_metadata_document_supported: z.boolean().optional(),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    token_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
    introspection_endpoint_auth_methods_supported: z.array(z.string()),
    introspection_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
    revocation_endpoint_auth_methods_supported: z.array(z.string()),
    revocation_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
    scopes_supported: z.array(z.string()),
    service_documentation: z.string(),
  })
  .describe('OAuth 2.0 Authorization Server Metadata (RFC 8414 §2)');

/** Discovery documents: the signing keys and the authorization server's metadata. No credential. */
export function wellKnownRoutes(app: App, { context }: RouteDeps): void {
  const scopes = [...context.model.vocabulary.names, ...managementPermissionNames];
  // Browser-based clients discover from a page of their own origin (an MCP client sends MCP-Protocol-Version,
  // which needs a preflight).
  for (const path of ['/.well-known/jwks.json', '/.well-known/oauth-authorization-server']) {
    app.options(path, { schema: { hide: true } }, (_request, reply) => answerOpenPreflight(reply, 'GET'));
  }

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['oauth'],
        operationId: 'jwks',
        security: publicSecurity,
        summary: 'Public keys that verify access tokens, including the next key before it signs',
        response: { 200: jwksSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      allowAnyOrigin(reply);
      return context.signingKeys.jwks(context.clock.now());
    },
  );

  app.get(
    '/.well-known/oauth-authorization-server',
    {
      schema: {
        tags: ['oauth'],
        operationId: 'authorizationServerMetadata',
        security: publicSecurity,
        summary: 'Authorization server metadata (RFC 8414)',
        response: { 200: metadataSchema },
      },
    },
    async (_request, reply) => {
      // Read per request: the first node of a deployment learns its issuer only once it listens. It is the
      // deployment's, which every node publishes whatever address it is reached at (decision 018), so clients
      // fetch metadata from the issuer's URL, as RFC 8414 §3.3 has them check.
      const { issuer } = context.oauth;
      const oauth = `${issuer}/api/v1/platform/oauth`;
      reply.header('cache-control', PUBLIC_CACHE);
      allowAnyOrigin(reply);
      return {
        issuer,
        authorization_endpoint: `${oauth}/authorize`,
        token_endpoint: `${oauth}/token`,
        introspection_endpoint: `${oauth}/introspect`,
        revocation_endpoint: `${oauth}/revoke`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        ...(context.oauth.registration.mode === 'off' ? {} : { registration_endpoint: `${oauth}/register` }),
        // No implicit and no password grant (OAuth 2.1 §10.1, RFC 9700 §2.1.2, §2.4).
        grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        // PKCE is required, and only with S256 (OAuth 2.1 §4.1.1, RFC 9700 §2.1.1).
        code_challenge_methods_supported: ['S256'],
        // RFC 9207: every authorization response carries `iss`.
        authorization_response_iss_parameter_supported: true,
        // A `client_id` may be the https URL of the client's metadata document (decision 031).
        ...(context.oauth.clientMetadataDocuments.enabled
          ? { client_id_metadata_document_supported: true }
          : {}),
        // `none`: a public app's client, which holds no secret, redeems its code with PKCE alone.
        token_endpoint_auth_methods_supported: [...clientAuthMethods, 'none'],
        token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
        introspection_endpoint_auth_methods_supported: clientAuthMethods,
        introspection_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
        revocation_endpoint_auth_methods_supported: clientAuthMethods,
        revocation_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
        scopes_supported: scopes,
        service_documentation: `${issuer}/docs`,
      };
    },
  );
}
