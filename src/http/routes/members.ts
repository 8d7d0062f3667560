import { z } from 'zod';
import { createHandoff } from '../../services/people/handoff.ts';
import { createInvitation, listInvitations, revokeInvitation } from '../../services/people/invitations.ts';
import { addMember, changeMemberRole, listMembers, removeMember } from '../../services/people/members.ts';
import type { Invitation } from '../../store/index.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity, platformSecurity } from '../auth/security.ts';
import { callerOf } from '../auth/session.ts';
import {
  managementErrors,
  nameSchema,
  nullableTimestamp,
  pageOf,
  pageQuery,
  timestamp,
  toIso,
} from '../schemas.ts';
import { emailSchema, memberSchema, presentMember, roleSchema } from './people-schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const memberParams = tenantParams.extend({ userId: z.string().max(64) });
const invitationParams = tenantParams.extend({ invitationId: z.string().max(64) });
const errors = { ...managementErrors, 409: managementErrors[422] };
const security = managementSecurity('manage:members');

const invitationSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  createdAt: timestamp,
  expiresAt: timestamp,
  acceptedAt: nullableTimestamp,
  acceptedBy: z.string().nullable(),
  revokedAt: nullableTimestamp,
});

function presentInvitation(invitation: Invitation, now: number): z.infer<typeof invitationSchema> {
  const status =
    invitation.acceptedAt !== null
      ? 'accepted'
      : invitation.revokedAt !== null
        ? 'revoked'
        : now >= invitation.expiresAt
          ? 'expired'
          : 'pending';
  return {
    id: invitation.id,
    tenantId: invitation.tenantId,
    email: invitation.email,
    role: invitation.role,
    status,
    createdAt: toIso(invitation.createdAt),
    expiresAt: toIso(invitation.expiresAt),
    acceptedAt: toIso(invitation.acceptedAt),
    acceptedBy: invitation.acceptedBy,
    revokedAt: toIso(invitation.revokedAt),
  };
}

/** A path under the console, and nothing that could leave it. */
const returnToSchema = z
  .string()
  .max(512)
  .regex(/^\/console(?:[/?#][^\\\s]*)?$/, 'must be a path under /console')
  .refine((value) => !value.includes('//'), 'must be a path under /console');

/** A tenant's members, invitations, and the platform's hand-off into its console. */
export function memberRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants/:tenantId/members',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'addMember',
        summary: 'Add an existing user to the tenant with a role',
        description:
          'A member may hand out roles up to their own; a tenant credential only roles whose permissions it holds.',
        security,
        params: tenantParams,
        body: z.strictObject({ userId: z.string().max(64), role: roleSchema }),
        response: { 201: memberSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const member = await addMember(
        context,
        principalOf(request),
        tenantId,
        request.body,
        callerOf(request),
      );
      return reply.code(201).send(presentMember(member));
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/members',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'listMembers',
        summary: "The tenant's members and their roles, newest first",
        security,
        params: tenantParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(memberSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listMembers(context, principalOf(request), request.params.tenantId, request.query);
      return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
    },
  );

  app.patch(
    '/api/v1/tenants/:tenantId/members/:userId',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'changeMemberRole',
        summary: "Change a member's role (the tenant keeps at least one owner)",
        security,
        params: memberParams,
        body: z.strictObject({ role: roleSchema }),
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, userId } = request.params;
      const { role } = request.body;
      const member = await changeMemberRole(
        context,
        principalOf(request),
        tenantId,
        userId,
        role,
        callerOf(request),
      );
      return presentMember(member);
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/members/:userId',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'removeMember',
        summary: 'Remove a member: their sessions and personal tokens lose the tenant at once',
        security,
        params: memberParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, userId } = request.params;
      await removeMember(context, principalOf(request), tenantId, userId, callerOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/invitations',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'createInvitation',
        summary: 'Invite someone by email: a single-use link, shown in this response only',
        description:
          'The link (`url`) carries the token in its fragment; `POST /api/v1/invitations/accept` spends it. It expires after `invitations.ttlDays` (7).',
        security,
        params: tenantParams,
        body: z.strictObject({ email: emailSchema, role: roleSchema }),
        response: {
          201: invitationSchema.extend({
            token: z.string().describe('Shown once'),
            url: z.string().describe('The link to hand on; shown once'),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const issued = await createInvitation(
        context,
        principalOf(request),
        request.params.tenantId,
        request.body,
        callerOf(request),
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        ...presentInvitation(issued.invitation, context.clock.now()),
        token: issued.token,
        url: issued.url,
      });
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/invitations',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'listInvitations',
        summary: "The tenant's invitations, newest first (never the token)",
        security,
        params: tenantParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(invitationSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listInvitations(
        context,
        principalOf(request),
        request.params.tenantId,
        request.query,
      );
      const now = context.clock.now();
      return { items: page.items.map((item) => presentInvitation(item, now)), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/invitations/:invitationId',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'revokeInvitation',
        summary: 'Revoke a pending invitation',
        security,
        params: invitationParams,
        response: { 200: invitationSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, invitationId } = request.params;
      const revoked = await revokeInvitation(
        context,
        principalOf(request),
        tenantId,
        invitationId,
        callerOf(request),
      );
      return presentInvitation(revoked, context.clock.now());
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/console-sessions',
    {
      onRequest,
      schema: {
        tags: ['people'],
        operationId: 'createConsoleSession',
        summary: "Hand a user the platform has signed in over to the tenant's console",
        description:
          'Finds the user by `externalId` (or creates them) and gives them the membership with `role`. Answers a single-use `url`, valid until `expiresAt` (60 s at most): opening it sets the session cookie and redirects (303) into `/console`.',
        security: platformSecurity,
        params: tenantParams,
        body: z.strictObject({
          user: z.strictObject({
            externalId: z.string().min(1).max(200),
            email: emailSchema,
            name: nameSchema,
          }),
          role: roleSchema,
          returnTo: returnToSchema.optional().describe('Where the console opens (default `/console`)'),
        }),
        response: {
          201: z.object({ url: z.string(), expiresAt: timestamp, userId: z.string() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const issued = await createHandoff(
        context,
        principalOf(request),
        request.params.tenantId,
        request.body,
        callerOf(request),
      );
      reply.header('cache-control', 'no-store');
      return reply
        .code(201)
        .send({ url: issued.url, expiresAt: toIso(issued.expiresAt), userId: issued.userId });
    },
  );
}
