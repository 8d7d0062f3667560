import { z } from 'zod';
import { createUser, endUserSessions, getUser, listUsers, updateUser } from '../../services/people/users.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { platformSecurity } from '../auth/security.ts';
import { callerOf } from '../auth/session.ts';
import { managementErrors, nameSchema, pageOf, pageQuery } from '../schemas.ts';
import {
  emailSchema,
  membershipSchema,
  passwordSchema,
  presentMembership,
  presentUser,
  userSchema,
} from './people-schemas.ts';
import type { App, RouteDeps } from './types.ts';

const userParams = z.object({ userId: z.string().max(64) });
const externalIdSchema = z.string().min(1).max(200);
const errors = { ...managementErrors, 409: managementErrors[422] };

/** People, platform-wide: the platform operator's surface (platform key with `manage`). */
export function userRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/users',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'createUser',
        security: platformSecurity,
        summary: 'Create a user: a person, platform-wide',
        body: z.strictObject({
          email: emailSchema,
          name: nameSchema,
          password: passwordSchema.optional().describe('Hashed with argon2id; never shown again'),
          externalId: externalIdSchema
            .optional()
            .describe("The user's id in the platform's own user system (the hand-off links by it)"),
        }),
        response: { 201: userSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = await createUser(context, principalOf(request), request.body, callerOf(request));
      return reply.code(201).send(presentUser(user));
    },
  );

  app.get(
    '/api/v1/users',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'listUsers',
        security: platformSecurity,
        summary: 'List users, newest first; filter by email or externalId',
        querystring: z.strictObject({
          ...pageQuery,
          email: z.string().max(254).optional(),
          externalId: externalIdSchema.optional(),
        }),
        response: { 200: pageOf(userSchema), ...errors },
      },
    },
    async (request) => {
      const { email, externalId, cursor, limit } = request.query;
      const page = await listUsers(context, principalOf(request), { email, externalId }, { cursor, limit });
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/users/:userId',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'getUser',
        security: platformSecurity,
        summary: 'Get a user and their memberships',
        params: userParams,
        response: { 200: userSchema.extend({ memberships: z.array(membershipSchema) }), ...errors },
      },
    },
    async (request) => {
      const { user, memberships } = await getUser(context, principalOf(request), request.params.userId);
      return { ...presentUser(user), memberships: memberships.map(presentMembership) };
    },
  );

  app.patch(
    '/api/v1/users/:userId',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'updateUser',
        security: platformSecurity,
        summary: 'Change a user; `status: disabled` ends their sessions and refuses their tokens at once',
        params: userParams,
        body: z.strictObject({
          email: emailSchema.optional(),
          name: nameSchema.optional(),
          password: passwordSchema.nullable().optional().describe('null removes the password'),
          externalId: externalIdSchema.nullable().optional(),
          status: z.enum(['active', 'disabled']).optional(),
        }),
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => {
      const user = await updateUser(
        context,
        principalOf(request),
        request.params.userId,
        request.body,
        callerOf(request),
      );
      return presentUser(user);
    },
  );

  app.delete(
    '/api/v1/users/:userId/sessions',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'endUserSessions',
        security: platformSecurity,
        summary: "End every console session of the user (an admin's sign-out everywhere)",
        params: userParams,
        response: { 200: z.object({ ended: z.number() }), ...errors },
      },
    },
    async (request) => ({
      ended: await endUserSessions(context, principalOf(request), request.params.userId, callerOf(request)),
    }),
  );
}
