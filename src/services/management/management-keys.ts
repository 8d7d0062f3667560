import { displayPrefixOf, generateCredential, type Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { isManagementPermission, type ManagementPermission } from '../../core/management-permissions.ts';
import type { ManagementKey, Page, PageRequest } from '../../store/index.ts';
import {
  authorize,
  confinedMode,
  listedMode,
  requireGrantable,
  requireMode,
  seesMode,
} from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant, tenantOrNotFound } from '../tenants/manage.ts';

export interface IssueManagementKeyInput {
  name: string;
  permissions: readonly ManagementPermission[];
  /** Default: the caller's own mode when it is confined to one, else live. */
  mode?: Mode | undefined;
}

export interface IssuedManagementKey {
  key: ManagementKey;
  /** The plaintext `X-Api-Secret`. It leaves the server in this one response and is never stored. */
  secret: string;
}

const PERMISSION = 'manage:management-keys';

/**
 * Issues a tenant management key pair: the id is the `X-Api-Key`, the secret (`ms_live_…` or `ms_test_…`,
 * same format and checksum as API keys) the `X-Api-Secret`. Only the secret's peppered hash is stored. A
 * tenant credential hands out only permissions it holds, and only in its own mode.
 */
export async function issueManagementKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: IssueManagementKeyInput,
): Promise<IssuedManagementKey> {
  authorize(context, principal, { tenantId, permission: PERMISSION });
  const permissions = [...new Set(input.permissions)];
  const unknown = permissions.filter((permission) => !isManagementPermission(permission));
  if (permissions.length === 0 || unknown.length > 0) {
    throw new PortcullisError('validation_failed', 'permissions must be management permissions', {
      extensions: { field: 'permissions' },
    });
  }
  requireGrantable(context, principal, tenantId, permissions);
  const mode = input.mode ?? confinedMode(principal) ?? 'live';
  requireMode(context, principal, mode);
  await activeTenant(context, tenantId);
  const now = context.clock.now();
  const secret = generateCredential(context.model.prefixes.managementSecret, mode, context.random);
  const key: ManagementKey = {
    id: newId('managementKey', context.random),
    tenantId,
    name: input.name,
    mode,
    permissions,
    displayPrefix: displayPrefixOf(secret),
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.managementKeys.insert({
      id: key.id,
      tenantId,
      name: key.name,
      mode,
      permissions,
      displayPrefix: key.displayPrefix,
      createdAt: now,
      secretHash: context.peppers.hashCurrent(secret),
      pepperVersion: context.peppers.current.version,
    });
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'management_key.created',
      targetType: 'management_key',
      targetId: key.id,
      mode,
      details: { name: key.name, mode, permissions },
    });
  });
  return { key, secret };
}

async function visibleManagementKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ManagementKey> {
  const key = await context.store.managementKeys.get(tenantId, keyId);
  if (!key || !seesMode(principal, key.mode)) {
    throw new PortcullisError('not_found', 'management key not found');
  }
  return key;
}

export async function getManagementKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ManagementKey> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  return visibleManagementKey(context, principal, tenantId, keyId);
}

export interface ManagementKeyListFilter {
  mode?: Mode | undefined;
  status?: 'active' | 'revoked' | undefined;
}

export async function listManagementKeys(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
  filter: ManagementKeyListFilter = {},
): Promise<Page<ManagementKey>> {
  authorize(context, principal, { tenantId, permission: PERMISSION, read: true });
  await tenantOrNotFound(context, tenantId);
  const mode = listedMode(principal, filter.mode);
  if (mode === null) return { items: [], nextCursor: null };
  return context.store.managementKeys.list(tenantId, page, { mode, status: filter.status });
}

/** Soft delete, effective on the very next request. Revoking twice is harmless and logged once. */
export async function revokeManagementKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ManagementKey> {
  authorize(context, principal, { tenantId, permission: PERMISSION });
  await visibleManagementKey(context, principal, tenantId, keyId);
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const current = await unit.managementKeys.get(tenantId, keyId);
    if (!current) throw new PortcullisError('not_found', 'management key not found');
    if (current.revokedAt !== null) return current;
    const after = await unit.managementKeys.revoke(tenantId, keyId, now);
    if (!after) throw new PortcullisError('not_found', 'management key not found');
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'management_key.revoked',
      targetType: 'management_key',
      targetId: keyId,
      mode: after.mode,
      details: { name: after.name },
    });
    return after;
  });
}
