import { z } from 'zod';
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

/** Surfaces that need no credential: the vocabulary, plans, and the API description (the docs: docs.ts). */
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
}
