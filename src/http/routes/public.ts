import { z } from 'zod';
import { errorCodes, errorRegistry } from '../../core/errors.ts';
import { managementPermissions } from '../../core/management-permissions.ts';
import { publicSecurity } from '../auth/security.ts';
import type { App, RouteDeps } from './types.ts';

const scopeListSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      implies: z.array(z.string()),
      plans: z.array(z.string()).describe('Plans that entitle this scope'),
    }),
  ),
});

const planListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      scopes: z.array(z.string()).describe('Entitled scope patterns; `*` at the end matches any suffix'),
      requestsPerMinute: z.number(),
      maxActiveKeys: z.number(),
      requestRetentionDays: z.number(),
      features: z.array(z.string()),
    }),
  ),
});

const managementPermissionListSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
    }),
  ),
});

function errorReference(): string {
  const rows = errorCodes.map(
    (code) => `| \`${code}\` | ${errorRegistry[code].status} | ${errorRegistry[code].title} |`,
  );
  return [
    '# Portcullis errors',
    '',
    'Every error that is not an OAuth error is an RFC 9457 problem document with a stable `code`.',
    '',
    '| code | status | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Surfaces that need no credential: the vocabulary, plans, and the API description. */
export function publicRoutes(app: App, { context }: RouteDeps): void {
  const { vocabulary, planList } = context.model;
  const scopes = {
    items: vocabulary.definitions.map((definition) => ({
      name: definition.name,
      description: definition.description,
      implies: [...definition.implies],
      plans: planList
        .filter((plan) =>
          plan.scopes.some(
            (pattern) =>
              pattern === definition.name ||
              (pattern.endsWith('*') && definition.name.startsWith(pattern.slice(0, -1))),
          ),
        )
        .map((plan) => plan.id),
    })),
  };
  const plans = {
    items: planList.map((plan) => ({ ...plan, scopes: [...plan.scopes], features: [...plan.features] })),
  };

  app.get(
    '/api/v1/scopes',
    {
      schema: {
        tags: ['public'],
        operationId: 'listScopes',
        security: publicSecurity,
        summary: 'The scope vocabulary',
        response: { 200: scopeListSchema },
      },
    },
    async () => scopes,
  );

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags: ['public'],
        operationId: 'listPlans',
        security: publicSecurity,
        summary: 'Plans and their entitlements',
        response: { 200: planListSchema },
      },
    },
    async () => plans,
  );

  const permissions = {
    items: Object.entries(managementPermissions).map(([name, description]) => ({ name, description })),
  };
  app.get(
    '/api/v1/management-permissions',
    {
      schema: {
        tags: ['public'],
        operationId: 'listManagementPermissions',
        security: publicSecurity,
        summary:
          'The built-in management permissions: what management key pairs and machine clients may hold (never plan-gated)',
        response: { 200: managementPermissionListSchema },
      },
    },
    async () => permissions,
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const errorsMarkdown = errorReference();
  app.get('/docs/errors', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/markdown; charset=utf-8').send(errorsMarkdown),
  );

  const llms = [
    '# Portcullis',
    '',
    '> API keys, scopes, plans, rate limits and audit feeds for this platform.',
    '',
    '- [OpenAPI description](/openapi.json)',
    '- [Scope vocabulary](/api/v1/scopes)',
    '- [Plans](/api/v1/plans)',
    '- [Management permissions](/api/v1/management-permissions)',
    '- [Error codes](/docs/errors)',
    '- [Webhook event types](/api/v1/webhooks/event-types)',
    '',
    'Send runtime keys as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`; never in the URL.',
    '',
  ].join('\n');
  app.get('/llms.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(llms),
  );
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/markdown; charset=utf-8').send(llms),
  );
}
