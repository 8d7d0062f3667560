import { type ClientStatus, clientStatusAt } from '../../core/client-status.ts';
import type { Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import type { Client, Page, PageRequest } from '../../store/index.ts';
import { authorize, listedMode, requireGrantable, seesMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { checkClientScopes } from '../scopes/grantable.ts';
import { tenantOrNotFound } from '../tenants/manage.ts';

export interface UpdateClientInput {
  scopes?: string[] | undefined;
  status?: 'active' | 'suspended' | undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((value) => set.has(value));
}

function clientNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'client not found');
}

/**
 * A client of the tenant that is not deleted and that the principal may see (its mode), or 404: a deleted
 * client is gone for every call. For use cases that have authorized their caller on the tenant.
 */
export async function visibleClient(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  clientId: string,
): Promise<Client> {
  const client = await context.store.clients.get(tenantId, clientId);
  if (!client || client.status === 'deleted' || !seesMode(principal, client.mode)) throw clientNotFound();
  return client;
}

export async function getClient(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  clientId: string,
): Promise<Client> {
  authorize(context, principal, { tenantId, permission: 'manage:clients', read: true });
  return visibleClient(context, principal, tenantId, clientId);
}

export interface ClientListFilter {
  /** Deleted clients appear (with status `deleted`) only when set, or when `status` is `deleted`. */
  includeDeleted?: boolean | undefined;
  /** The status shown now: `expired` follows from the expiry date. */
  status?: ClientStatus | undefined;
  mode?: Mode | undefined;
  appId?: string | undefined;
  namePrefix?: string | undefined;
}

/** Newest first, narrowed by the filters given; a confined principal lists only its own mode's clients. */
export async function listClients(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
  filter: ClientListFilter = {},
): Promise<Page<Client>> {
  authorize(context, principal, { tenantId, permission: 'manage:clients', read: true });
  await tenantOrNotFound(context, tenantId);
  const mode = listedMode(principal, filter.mode);
  if (mode === null) return { items: [], nextCursor: null };
  return context.store.clients.list(tenantId, page, {
    includeDeleted: filter.includeDeleted,
    mode,
    status: filter.status === undefined ? undefined : { is: filter.status, now: context.clock.now() },
    appId: filter.appId,
    namePrefix: filter.namePrefix,
  });
}

/**
 * Changes scopes and/or status. New scopes apply from the next token request, without a new secret; tokens
 * already issued keep theirs. An expired client is frozen (409): seed 002 says to create a new one.
 */
export async function updateClient(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  clientId: string,
  input: UpdateClientInput,
): Promise<Client> {
  authorize(context, principal, { tenantId, permission: 'manage:clients' });
  requireGrantable(context, principal, tenantId, (input.scopes ?? []).filter(isManagementPermission));
  const before = await visibleClient(context, principal, tenantId, clientId);
  const now = context.clock.now();
  if (clientStatusAt(before, now) === 'expired') {
    throw new PortcullisError('conflict', 'an expired client cannot be changed; create a new client');
  }
  const scopes = input.scopes === undefined ? undefined : [...new Set(input.scopes)];
  if (scopes !== undefined) {
    if (scopes.length === 0) {
      throw new PortcullisError('validation_failed', 'a client needs at least one scope', {
        extensions: { field: 'scopes' },
      });
    }
    const tenant = await tenantOrNotFound(context, tenantId);
    checkClientScopes(context, tenant.planId, scopes);
  }
  const scopesChanged = scopes !== undefined && !sameSet(scopes, before.scopes);
  const statusChanged = input.status !== undefined && input.status !== before.status;
  if (!scopesChanged && !statusChanged) return before;
  const actor = actorOf(principal);
  return context.store.unitOfWork(async (unit) => {
    const after = await unit.clients.update(
      tenantId,
      clientId,
      { scopes: scopesChanged ? scopes : undefined, status: statusChanged ? input.status : undefined },
      now,
    );
    if (!after) throw clientNotFound();
    const event = { tenantId, targetType: 'client', targetId: clientId, mode: after.mode } as const;
    if (scopesChanged) {
      await recordActivity(unit, actor, now, {
        ...event,
        action: 'client.scopes_changed',
        details: { old: before.scopes, new: after.scopes },
      });
    }
    if (statusChanged) {
      await recordActivity(unit, actor, now, {
        ...event,
        action: after.status === 'suspended' ? 'client.suspended' : 'client.resumed',
      });
    }
    return after;
  });
}

/** Deletes a client for good: it is hidden from every later call and its secrets stop now. */
export async function deleteClient(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  clientId: string,
): Promise<Client> {
  authorize(context, principal, { tenantId, permission: 'manage:clients' });
  await visibleClient(context, principal, tenantId, clientId);
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const deleted = await unit.clients.delete(tenantId, clientId, now);
    if (!deleted) throw clientNotFound();
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'client.deleted',
      targetType: 'client',
      targetId: clientId,
      mode: deleted.mode,
      details: { name: deleted.name },
    });
    return deleted;
  });
}
