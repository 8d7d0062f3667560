import { displayPrefixOf, generateCredential } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { isManagementPermission, type ManagementPermission } from '../../core/management-permissions.ts';
import type { ManagementKey, Page, PageRequest } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import { getTenant } from '../tenants/manage.ts';

export interface IssueManagementKeyInput {
  name: string;
  permissions: readonly ManagementPermission[];
}

export interface IssuedManagementKey {
  key: ManagementKey;
  /** The plaintext `X-Api-Secret`. It leaves the server in this one response and is never stored. */
  secret: string;
}

/**
 * Issues a tenant management key pair: the id is the `X-Api-Key`, the secret (`ms_live_…`, same format and
 * checksum as API keys) the `X-Api-Secret`. Only the secret's peppered hash is stored.
 */
export async function issueManagementKey(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  input: IssueManagementKeyInput,
): Promise<IssuedManagementKey> {
  const tenant = await getTenant(context, tenantId);
  if (tenant.status === 'suspended') throw new PortcullisError('tenant_suspended', 'the tenant is suspended');
  const permissions = [...new Set(input.permissions)];
  const unknown = permissions.filter((permission) => !isManagementPermission(permission));
  if (permissions.length === 0 || unknown.length > 0) {
    throw new PortcullisError('validation_failed', 'permissions must be management permissions', {
      extensions: { field: 'permissions' },
    });
  }
  const now = context.clock.now();
  const secret = generateCredential(context.model.prefixes.managementSecret, 'live', context.random);
  const key: ManagementKey = {
    id: newId('managementKey', context.random),
    tenantId,
    name: input.name,
    permissions,
    displayPrefix: displayPrefixOf(secret),
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await context.store.managementKeys.insert({
    id: key.id,
    tenantId,
    name: key.name,
    permissions,
    displayPrefix: key.displayPrefix,
    createdAt: now,
    secretHash: context.peppers.hashCurrent(secret),
    pepperVersion: context.peppers.current.version,
  });
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'management_key.created',
    targetType: 'management_key',
    targetId: key.id,
    details: { name: key.name, permissions },
  });
  return { key, secret };
}

export async function getManagementKey(
  context: ServiceContext,
  tenantId: string,
  keyId: string,
): Promise<ManagementKey> {
  const key = await context.store.managementKeys.get(tenantId, keyId);
  if (!key) throw new PortcullisError('not_found', 'management key not found');
  return key;
}

export async function listManagementKeys(
  context: ServiceContext,
  tenantId: string,
  page: PageRequest,
): Promise<Page<ManagementKey>> {
  await getTenant(context, tenantId);
  return context.store.managementKeys.list(tenantId, page);
}

/** Soft delete, effective on the very next request. Revoking twice is harmless and logged once. */
export async function revokeManagementKey(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  keyId: string,
): Promise<ManagementKey> {
  const before = await getManagementKey(context, tenantId, keyId);
  if (before.revokedAt !== null) return before;
  const now = context.clock.now();
  const after = await context.store.managementKeys.revoke(tenantId, keyId, now);
  if (!after) throw new PortcullisError('not_found', 'management key not found');
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'management_key.revoked',
    targetType: 'management_key',
    targetId: keyId,
    details: { name: after.name },
  });
  return after;
}
