import { z } from 'zod';
import { roles } from '../../core/roles.ts';
import type { Member, MembershipWithTenant, User } from '../../store/index.ts';
import { nullableTimestamp, timestamp, toIso } from '../schemas.ts';

export const roleSchema = z.enum(roles);
export const emailSchema = z.email().max(254);
/** ASVS V2.1: at least 12 characters, up to 128, anything printable. */
export const passwordSchema = z.string().min(12).max(128);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  hasPassword: z.boolean().describe('Whether the user can sign in with a password (never the password)'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function presentUser(user: User): z.infer<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    externalId: user.externalId,
    status: user.status,
    hasPassword: user.hasPassword,
    createdAt: toIso(user.createdAt),
    updatedAt: toIso(user.updatedAt),
  };
}

export const membershipSchema = z.object({
  tenantId: z.string().describe('The workspace: use it as `x-workspace-id`'),
  tenantName: z.string(),
  tenantStatus: z.enum(['active', 'suspended']),
  role: roleSchema,
  createdAt: timestamp,
});

export function presentMembership(membership: MembershipWithTenant): z.infer<typeof membershipSchema> {
  return {
    tenantId: membership.tenantId,
    tenantName: membership.tenantName,
    tenantStatus: membership.tenantStatus,
    role: membership.role,
    createdAt: toIso(membership.createdAt),
  };
}

export const memberSchema = z.object({
  userId: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  userStatus: z.enum(['active', 'disabled']),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function presentMember(member: Member): z.infer<typeof memberSchema> {
  return {
    userId: member.userId,
    tenantId: member.tenantId,
    email: member.email,
    name: member.name,
    role: member.role,
    userStatus: member.userStatus,
    createdAt: toIso(member.createdAt),
    updatedAt: toIso(member.updatedAt),
  };
}

export const sessionViewSchema = z.object({
  id: z.string(),
  method: z.enum(['password', 'handoff', 'invitation']),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  expiresAt: timestamp.describe('The absolute end of the session'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export { nullableTimestamp };
