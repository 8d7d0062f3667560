import { displayPrefixOf, generateCredential } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Page, PageRequest, PersonalToken, RequestRecordRow } from '../../store/index.ts';
import type { SessionPrincipal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { userAgentDetail } from './users.ts';

export interface CreatePersonalTokenInput {
  name: string;
  scopes: readonly string[];
  expiresAt?: number | undefined;
}

export interface IssuedPersonalToken {
  token: PersonalToken;
  /** The plaintext (`pat_live_…`). It leaves the server in this one response and is never stored. */
  plaintext: string;
}

function tokenNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'token not found');
}

/**
 * `POST /api/v1/me/tokens`: a personal access token of the signed-in user, in the API keys' format (prefix,
 * mode, 142 random bits, checksum) under its own prefix, stored as its peppered HMAC. Its scopes are vocabulary
 * scopes; what it may do in a workspace is narrowed there, at each request, by the user's role and the plan.
 */
export async function createPersonalToken(
  context: ServiceContext,
  principal: SessionPrincipal,
  input: CreatePersonalTokenInput,
): Promise<IssuedPersonalToken> {
  const scopes = [...new Set(input.scopes)];
  const unknown = context.model.vocabulary.unknown(scopes);
  if (scopes.length === 0 || unknown.length > 0) {
    throw new PortcullisError(
      'validation_failed',
      `scopes must be vocabulary scopes: ${unknown.join(', ')}`,
      {
        extensions: { field: 'scopes', unknownScopes: unknown },
      },
    );
  }
  const now = context.clock.now();
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw new PortcullisError('validation_failed', 'expiresAt must be in the future', {
      extensions: { field: 'expiresAt' },
    });
  }
  const plaintext = generateCredential(context.model.prefixes.personalToken, 'live', context.random);
  const token: PersonalToken = {
    id: newId('personalToken', context.random),
    userId: principal.userId,
    name: input.name,
    scopes,
    displayPrefix: displayPrefixOf(plaintext),
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
  };
  const limit = context.people.maxActiveTokensPerUser;
  await context.store.unitOfWork(async (unit) => {
    if ((await unit.personalTokens.countActive(principal.userId, now)) >= limit) {
      throw new PortcullisError('key_limit_reached', `a user may hold ${limit} active personal tokens`, {
        extensions: { limit },
      });
    }
    await unit.personalTokens.insert({
      ...token,
      secretHash: context.peppers.hashCurrent(plaintext),
      pepperVersion: context.peppers.current.version,
    });
    await recordActivity(unit, { type: 'user', id: principal.userId, ip: principal.ip }, now, {
      tenantId: null,
      action: 'personal_token.created',
      targetType: 'personal_token',
      targetId: token.id,
      mode: 'live',
      details: { name: token.name, scopes, expiresAt: token.expiresAt, ...userAgentDetail(principal) },
    });
  });
  return { token, plaintext };
}

function withPendingUse(context: ServiceContext, token: PersonalToken): PersonalToken {
  const pending = context.requestFeed.lastUsedOf(token.id);
  if (pending === undefined || (token.lastUsedAt !== null && token.lastUsedAt >= pending)) return token;
  return { ...token, lastUsedAt: pending };
}

export async function listPersonalTokens(
  context: ServiceContext,
  principal: SessionPrincipal,
  page: PageRequest,
): Promise<Page<PersonalToken>> {
  const listed = await context.store.personalTokens.list(principal.userId, page);
  return { ...listed, items: listed.items.map((token) => withPendingUse(context, token)) };
}

export async function getPersonalToken(
  context: ServiceContext,
  principal: SessionPrincipal,
  tokenId: string,
): Promise<PersonalToken> {
  const token = await context.store.personalTokens.get(principal.userId, tokenId);
  if (!token) throw tokenNotFound();
  return withPendingUse(context, token);
}

/** `DELETE /api/v1/me/tokens/{tokenId}`: refused on the next request, on every node. */
export async function revokePersonalToken(
  context: ServiceContext,
  principal: SessionPrincipal,
  tokenId: string,
): Promise<PersonalToken> {
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const current = await unit.personalTokens.get(principal.userId, tokenId);
    if (!current) throw tokenNotFound();
    if (current.revokedAt !== null) return current;
    const after = await unit.personalTokens.revoke(principal.userId, tokenId, now);
    if (!after) throw tokenNotFound();
    await recordActivity(unit, { type: 'user', id: principal.userId, ip: principal.ip }, now, {
      tenantId: null,
      action: 'personal_token.revoked',
      targetType: 'personal_token',
      targetId: tokenId,
      mode: 'live',
      details: { name: after.name, ...userAgentDetail(principal) },
    });
    return after;
  });
}

/**
 * `GET /api/v1/me/tokens/{tokenId}/requests`: the token's calls in one of the user's workspaces (the one
 * named, or the only one), from that workspace's request feed.
 */
export async function listPersonalTokenRequests(
  context: ServiceContext,
  principal: SessionPrincipal,
  tokenId: string,
  workspaceId: string | undefined,
  filter: { since?: number | undefined; until?: number | undefined },
  page: PageRequest,
): Promise<Page<RequestRecordRow>> {
  await getPersonalToken(context, principal, tokenId);
  const memberships = await context.store.users.membershipsOf(principal.userId);
  let tenantId = workspaceId;
  if (tenantId === undefined) {
    if (memberships.length !== 1) {
      throw new PortcullisError('workspace_required', 'name the workspace in workspaceId');
    }
    tenantId = memberships[0]?.tenantId;
  }
  if (tenantId === undefined || !memberships.some((membership) => membership.tenantId === tenantId)) {
    throw new PortcullisError('workspace_not_allowed', 'you are not a member of this workspace');
  }
  await context.requestFeed.flush();
  return context.store.requestLog.list(tenantId, { ...filter, credentialId: tokenId }, page);
}
