import { z } from 'zod';
import {
  getInstallation,
  type InstallationView,
  listInstallations,
  uninstall,
} from '../../services/installations/manage.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import { managementErrors, pageOf, pageQuery, timestamp, toIso } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const installationSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  clientId: z.string().describe('The OAuth client the tenant approved'),
  appId: z.string().nullable(),
  scopes: z.array(z.string()).describe('The scopes the approver granted'),
  resource: z.string().nullable().describe('The resource server (RFC 8707) its tokens are for'),
  approvedBy: z.string().describe('The user who approved it last'),
  approvedByName: z.string().nullable().describe("That user's name (or email); null if the user is gone"),
  app: z
    .object({
      name: z.string(),
      logoUrl: z.string().nullable(),
      homepageUrl: z.string().nullable(),
      publisher: z
        .enum(['tenant', 'platform', 'registered'])
        .describe(
          "`tenant`: this workspace's own app; `platform`: an app the platform made public; `registered`: registered through dynamic client registration, not by the platform",
        ),
    })
    .describe('The installed app, as its owner describes it'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

function present(installation: InstallationView): z.infer<typeof installationSchema> {
  const { deletedAt: _deletedAt, ...shown } = installation;
  return { ...shown, createdAt: toIso(installation.createdAt), updatedAt: toIso(installation.updatedAt) };
}

const tenantParams = z.object({ tenantId: z.string().max(64) });
const installationParams = tenantParams.extend({ installationId: z.string().max(64) });
const security = managementSecurity('manage:apps');

/** A tenant's installed apps: what its admins approved through the authorization endpoint. */
export function installationRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.get(
    '/api/v1/tenants/:tenantId/installations',
    {
      onRequest,
      schema: {
        tags: ['installations'],
        operationId: 'listInstallations',
        security,
        summary: "List a tenant's installed apps, newest first",
        params: tenantParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(installationSchema), ...managementErrors },
      },
    },
    async (request) => {
      const page = await listInstallations(
        context,
        principalOf(request),
        request.params.tenantId,
        request.query,
      );
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/installations/:installationId',
    {
      onRequest,
      schema: {
        tags: ['installations'],
        operationId: 'getInstallation',
        security,
        summary: 'Get an installation',
        params: installationParams,
        response: { 200: installationSchema, ...managementErrors },
      },
    },
    async (request) => {
      const { tenantId, installationId } = request.params;
      return present(await getInstallation(context, principalOf(request), tenantId, installationId));
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/installations/:installationId',
    {
      onRequest,
      schema: {
        tags: ['installations'],
        operationId: 'deleteInstallation',
        security,
        summary: 'Uninstall an app: its refresh tokens are revoked and its access tokens refused from now on',
        params: installationParams,
        response: { 204: z.null().describe('Uninstalled'), ...managementErrors },
      },
    },
    async (request, reply) => {
      const { tenantId, installationId } = request.params;
      await uninstall(context, principalOf(request), tenantId, installationId);
      return reply.code(204).send(null);
    },
  );
}
