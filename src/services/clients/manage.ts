import { clientStatusAt } from '../../core/client-status.ts';
import { PortcullisError } from '../../core/errors.ts';
import type { Client, Page, PageRequest } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import { checkClientScopes } from '../scopes/grantable.ts';
import { getTenant } from '../tenants/manage.ts';

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

/** A client of the tenant that is not deleted, or 404: a deleted client is gone for every call. */
export async function getClient(
  context: ServiceContext,
  tenantId: string,
  clientId: string,
): Promise<Client> {
  const client = await context.store.clients.get(tenantId, clientId);
  if (!client || client.status === 'deleted') throw clientNotFound();
  return client;
}

/** Newest first. Deleted clients appear (with status `deleted`) only when `includeDeleted` is set. */
export async function listClients(
  context: ServiceContext,
  tenantId: string,
  page: PageRequest,
  includeDeleted: boolean,
): Promise<Page<Client>> {
  await getTenant(context, tenantId);
  return context.store.clients.list(tenantId, page, includeDeleted);
}

/**
 * Changes scopes and/or status. New scopes apply from the next token request, without a new secret; tokens
 * already issued keep theirs. An expired client is frozen (409): seed 002 says to create a new one.
 */
export async function updateClient(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  clientId: string,
  input: UpdateClientInput,
): Promise<Client> {
  const before = await getClient(context, tenantId, clientId);
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
    const tenant = await getTenant(context, tenantId);
    checkClientScopes(context, tenant.planId, scopes);
  }
  const scopesChanged = scopes !== undefined && !sameSet(scopes, before.scopes);
  const statusChanged = input.status !== undefined && input.status !== before.status;
  if (!scopesChanged && !statusChanged) return before;
  const after = await context.store.clients.update(
    tenantId,
    clientId,
    { scopes: scopesChanged ? scopes : undefined, status: statusChanged ? input.status : undefined },
    now,
  );
  if (!after) throw clientNotFound();
  const event = { tenantId, targetType: 'client', targetId: clientId } as const;
  if (scopesChanged) {
    await recordActivity(context.store, actor, now, {
      ...event,
      action: 'client.scopes_changed',
      details: { old: before.scopes, new: after.scopes },
    });
  }
  if (statusChanged) {
    await recordActivity(context.store, actor, now, {
      ...event,
      action: after.status === 'suspended' ? 'client.suspended' : 'client.resumed',
    });
  }
  return after;
}

/** Deletes a client for good: it is hidden from every later call and its secrets stop now. */
export async function deleteClient(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  clientId: string,
): Promise<Client> {
  await getClient(context, tenantId, clientId);
  const now = context.clock.now();
  const deleted = await context.store.clients.delete(tenantId, clientId, now);
  if (!deleted) throw clientNotFound();
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'client.deleted',
    targetType: 'client',
    targetId: clientId,
    details: { name: deleted.name },
  });
  return deleted;
}
