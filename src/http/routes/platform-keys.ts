import { z } from 'zod';
import {
  issuePlatformKey,
  listPlatformKeys,
  revokePlatformKey,
} from '../../services/platform/platform-keys.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { platformSecurity } from '../auth/security.ts';
import { platformKeySchema, presentPlatformKey } from '../representations/platform-keys.ts';
import { managementErrors, nameSchema, pageOf, pageQuery } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const errors = managementErrors;

/** The operator's own credentials, e.g. a verify-only key for the platform's API servers. */
export function platformKeyRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/platform/keys',
    {
      onRequest,
      schema: {
        tags: ['platform'],
        operationId: 'createPlatformKey',
        security: platformSecurity,
        summary: 'Issue a platform key (`verify` for API servers, `manage` for automation, `*` for both)',
        body: z.strictObject({
          name: nameSchema,
          permissions: z
            .array(z.enum(['*', 'manage', 'verify']))
            .min(1)
            .max(3),
        }),
        response: { 201: platformKeySchema.extend({ key: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const { name, permissions } = request.body;
      const issued = await issuePlatformKey(context, principalOf(request), name, permissions);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...presentPlatformKey(issued.key), key: issued.plaintext });
    },
  );

  app.get(
    '/api/v1/platform/keys',
    {
      onRequest,
      schema: {
        tags: ['platform'],
        operationId: 'listPlatformKeys',
        security: platformSecurity,
        summary: 'List platform keys, newest first (never the secret)',
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(platformKeySchema), ...errors },
      },
    },
    async (request) => {
      const page = await listPlatformKeys(context, principalOf(request), request.query);
      return { items: page.items.map(presentPlatformKey), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/api/v1/platform/keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['platform'],
        operationId: 'revokePlatformKey',
        security: platformSecurity,
        summary: 'Revoke a platform key at once',
        params: z.object({ keyId: z.string().max(64) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokePlatformKey(context, principalOf(request), request.params.keyId);
      return reply.code(204).send(null);
    },
  );
}
