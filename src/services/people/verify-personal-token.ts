import { parseCredential } from '../../core/credential-format.ts';
import { andThen, isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import type { GrantedScopes } from '../../core/plans.ts';
import type { Role } from '../../core/roles.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import {
  checkRateAndScopes,
  type LimitOutcome,
  type VerifyRequest,
  type VerifyResult,
} from '../verification/result.ts';

/** A personal token's membership in one workspace, as verification needs it. */
interface WorkspaceStanding {
  role: Role;
  planId: string;
  tenantActive: boolean;
}

/**
 * Everything about a personal token that only a write can change: the token, its user's status and the user's
 * memberships (role, plan, tenant status). Kept by `verifiedPersonalTokens` until the invalidation bus's
 * version moves: a token revoked, a user disabled, a membership added, changed or removed, a tenant's plan or
 * status changed, on any node.
 */
export interface PersonalTokenStanding {
  tokenId: string;
  userId: string;
  scopesKey: string;
  scopes: readonly string[];
  expiresAt: number | null;
  revokedAt: number | null;
  userActive: boolean;
  workspaces: ReadonlyMap<string, WorkspaceStanding>;
}

/** Whether a presented runtime credential is a personal token, by its prefix (format and checksum first). */
export function isPersonalToken(context: ServiceContext, credential: string): boolean {
  return parseCredential(credential)?.prefix === context.model.prefixes.personalToken;
}

async function loadStanding(
  context: ServiceContext,
  token: string,
): Promise<PersonalTokenStanding | undefined> {
  const found = await findByAnyPepper(context.peppers, token, (hash) =>
    context.store.personalTokens.findForVerification(hash),
  );
  if (!found) return undefined;
  const workspaces = new Map<string, WorkspaceStanding>();
  for (const membership of await context.store.users.membershipsOf(found.token.userId)) {
    workspaces.set(membership.tenantId, {
      role: membership.role,
      planId: membership.planId,
      tenantActive: membership.tenantStatus === 'active',
    });
  }
  return {
    tokenId: found.token.id,
    userId: found.token.userId,
    scopesKey: JSON.stringify(found.token.scopes),
    scopes: found.token.scopes,
    expiresAt: found.token.expiresAt,
    revokedAt: found.token.revokedAt,
    userActive: found.userStatus === 'active',
    workspaces,
  };
}

/**
 * Verifies a personal access token for a call in one workspace: the one named (`x-workspace-id`, or
 * `workspaceId` in `POST /api/v1/verify`), or the user's only one. Effective scopes are the token's ∩ what
 * the user's role there allows (`config.roles`) ∩ the workspace's plan now; the rate limit is per token per
 * workspace, at that plan's rate. A token in steady use is answered from the cache, without waiting.
 */
export function verifyPersonalToken(
  context: ServiceContext,
  token: string,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  const standing = context.verifiedPersonalTokens.getOrLoad(token, () => loadStanding(context, token));
  return andThen(standing, (found) =>
    found === undefined ? { valid: false, code: 'not_found' } : judge(context, found, request),
  );
}

function judge(
  context: ServiceContext,
  standing: PersonalTokenStanding,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  const owner = {
    credentialType: 'personal_token',
    userId: standing.userId,
    tokenId: standing.tokenId,
  } as const;
  const now = context.clock.now();
  if (!standing.userActive || (standing.revokedAt !== null && standing.revokedAt <= now)) {
    return { valid: false, code: 'revoked', ...owner };
  }
  if (standing.expiresAt !== null && standing.expiresAt <= now)
    return { valid: false, code: 'expired', ...owner };
  // The workspace named, else the user's only one; several and none named is for the caller to say.
  let tenantId = request.workspaceId;
  if (tenantId === undefined) {
    if (standing.workspaces.size > 1) return { valid: false, code: 'workspace_required', ...owner };
    tenantId = standing.workspaces.keys().next().value;
  }
  const workspace = tenantId === undefined ? undefined : standing.workspaces.get(tenantId);
  // Not a member there (or anywhere): nothing is written to a workspace the user has no part in.
  if (tenantId === undefined || !workspace) return { valid: false, code: 'workspace_not_allowed', ...owner };
  const identity = { ...owner, tenantId } as const;
  const plan = context.model.plans.get(workspace.planId);
  if (!workspace.tenantActive || !plan) return { valid: false, code: 'tenant_suspended', ...identity };
  const role = context.model.roles[workspace.role];
  const scopes = context.model.effectiveScopes.get(
    `pat:${standing.scopesKey}`,
    (): GrantedScopes => ({
      kind: 'listed',
      scopes: standing.scopes.filter((scope) => context.model.vocabulary.has(scope)),
    }),
    plan,
    'live',
    { role: role.role, patterns: role.runtimeScopes },
  );
  const limits = checkRateAndScopes(context, identity, plan, scopes, request);
  const result = (settled: LimitOutcome): VerifyResult =>
    settled.allowed
      ? {
          valid: true,
          credentialType: 'personal_token',
          tenantId,
          userId: standing.userId,
          tokenId: standing.tokenId,
          role: workspace.role,
          mode: 'live',
          scopes,
          ratelimit: settled.ratelimit,
        }
      : settled.result;
  return isPromise(limits) ? limits.then(result) : result(limits);
}
