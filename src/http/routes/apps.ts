import { z } from 'zod';
import {
  httpsUrlProblem,
  MAX_APP_URLS,
  MAX_URL_LENGTH,
  originProblem,
  redirectUriProblem,
} from '../../core/app-urls.ts';
import { checkClientJwks } from '../../core/client-jwks.ts';
import { createApp, deleteApp, getApp, listApps, updateApp } from '../../services/apps/manage.ts';
import type { App as RegisteredApp } from '../../store/index.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import {
  managementErrors,
  nameSchema,
  pageOf,
  pageQuery,
  problemSchema,
  timestamp,
  toIso,
} from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

/** A URL string checked by one of the rules of `core/app-urls.ts`; the rule's sentence is the message. */
const checkedUrl = (check: (value: string) => string | undefined, description: string) =>
  z
    .string()
    .max(MAX_URL_LENGTH)
    .superRefine((value, ctx) => {
      const message = check(value);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message });
    })
    .describe(description);

const originSchema = checkedUrl(
  originProblem,
  'An exact origin, `scheme://host[:port]` (http or https), as browsers send it in `Origin`',
);
const redirectUriSchema = checkedUrl(
  redirectUriProblem,
  'An absolute redirect URI without fragment: https, or http on 127.0.0.1, [::1] or localhost',
);
const httpsUrlSchema = checkedUrl(httpsUrlProblem, 'An absolute https URL');

const jwkFields = z.object({
  kty: z.string(),
  kid: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
});
// Other members pass the schema so that the check below can name them (a private `d` is refused by name).
const jwkSchema = jwkFields.catchall(z.unknown());
/** A JWK Set of public signing keys (decision 035), checked by `core/client-jwks.ts`. */
const jwksInput = z
  .object({ keys: z.array(jwkSchema).max(10) })
  .superRefine((value, ctx) => {
    const checked = checkClientJwks(value);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  })
  .describe(
    'Public keys (JWK Set, 1 to 10 keys: EC P-256, RSA ≥ 2048 bits or Ed25519; no private members) with which ' +
      "the app's clients sign `private_key_jwt` client assertions instead of holding a secret. Confidential apps only.",
  );

const appSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  type: z.enum(['confidential', 'public']),
  allowedOrigins: z.array(z.string()).describe('Exact origins allowed for CORS on the OAuth endpoints'),
  redirectUris: z.array(z.string()).describe('Exact redirect URIs for the authorization code flow'),
  logoUrl: z.string().nullable(),
  homepageUrl: z.string().nullable(),
  visibility: z
    .enum(['private', 'public'])
    .describe(
      '`private`: installable only by its own tenant; `public`: by every tenant (set by the platform)',
    ),
  jwks: z
    .object({ keys: z.array(jwkFields) })
    .nullable()
    .describe(
      "Public keys for the clients' `private_key_jwt` authentication; null: the clients hold secrets (or their keys are at `jwksUri`)",
    ),
  jwksUri: z
    .string()
    .nullable()
    .describe(
      "Where the clients' public keys are published (RFC 7591 `jwks_uri`): dynamically registered and metadata-document apps only; null otherwise",
    ),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** The fields the API shows, named one by one: how the app was registered stays internal. */
function present(app: RegisteredApp): z.infer<typeof appSchema> {
  return {
    id: app.id,
    tenantId: app.tenantId,
    name: app.name,
    type: app.type,
    allowedOrigins: app.allowedOrigins,
    redirectUris: app.redirectUris,
    logoUrl: app.logoUrl,
    homepageUrl: app.homepageUrl,
    visibility: app.visibility,
    jwks: app.jwks,
    jwksUri: app.jwksUri,
    createdAt: toIso(app.createdAt),
    updatedAt: toIso(app.updatedAt),
  };
}

const tenantParams = z.object({ tenantId: z.string().max(64) });
const appParams = tenantParams.extend({ appId: z.string().max(64) });
const errors = managementErrors;
const origins = z.array(originSchema).max(MAX_APP_URLS);
const redirectUris = z.array(redirectUriSchema).max(MAX_APP_URLS);
const security = managementSecurity('manage:apps');

/** A tenant's registered apps: the identity, CORS origins and redirect URIs of an integration. */
export function appRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants/:tenantId/apps',
    {
      onRequest,
      schema: {
        tags: ['apps'],
        operationId: 'createApp',
        security,
        summary: 'Register an app',
        params: tenantParams,
        body: z.strictObject({
          name: nameSchema,
          type: z
            .enum(['confidential', 'public'])
            .default('confidential')
            .describe('`confidential` apps have clients with secrets; `public` ones use PKCE alone. Fixed.'),
          allowedOrigins: origins.default([]),
          redirectUris: redirectUris.default([]),
          logoUrl: httpsUrlSchema.optional(),
          homepageUrl: httpsUrlSchema.optional(),
          jwks: jwksInput.optional(),
        }),
        response: { 201: appSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const created = await createApp(context, principalOf(request), tenantId, request.body);
      return reply.code(201).send(present(created));
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/apps',
    {
      onRequest,
      schema: {
        tags: ['apps'],
        operationId: 'listApps',
        security,
        summary: "List a tenant's apps, newest first",
        params: tenantParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(appSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listApps(context, principalOf(request), request.params.tenantId, request.query);
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/apps/:appId',
    {
      onRequest,
      schema: {
        tags: ['apps'],
        operationId: 'getApp',
        security,
        summary: 'Get an app',
        params: appParams,
        response: { 200: appSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, appId } = request.params;
      return present(await getApp(context, principalOf(request), tenantId, appId));
    },
  );

  app.patch(
    '/api/v1/tenants/:tenantId/apps/:appId',
    {
      onRequest,
      schema: {
        tags: ['apps'],
        operationId: 'updateApp',
        security,
        summary: 'Change an app; a list given replaces the stored one, null clears the logo or homepage',
        params: appParams,
        body: z
          .strictObject({
            name: nameSchema.optional(),
            allowedOrigins: origins.optional(),
            redirectUris: redirectUris.optional(),
            logoUrl: httpsUrlSchema.nullable().optional(),
            homepageUrl: httpsUrlSchema.nullable().optional(),
            jwks: jwksInput
              .nullable()
              .optional()
              .describe('Replaces the key set; null removes it, and the clients go back to secrets'),
            visibility: z
              .enum(['private', 'public'])
              .optional()
              .describe('Platform keys only: `public` makes the app installable by every tenant'),
          })
          .refine((body) => Object.keys(body).length > 0, 'name at least one field to change'),
        response: { 200: appSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, appId } = request.params;
      return present(await updateApp(context, principalOf(request), tenantId, appId, request.body));
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/apps/:appId',
    {
      onRequest,
      schema: {
        tags: ['apps'],
        operationId: 'deleteApp',
        security,
        summary: 'Delete an app; 409 while a client that is not deleted belongs to it',
        params: appParams,
        response: { 204: z.null().describe('Deleted'), 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, appId } = request.params;
      await deleteApp(context, principalOf(request), tenantId, appId);
      return reply.code(204).send(null);
    },
  );
}
