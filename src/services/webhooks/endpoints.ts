import type { Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { newWebhookSecret } from '../../core/standard-webhooks.ts';
import { EVENT_FILTER_PATTERN, filterMatches } from '../../core/webhook-events.ts';
import type { Page, PageRequest, WebhookEndpoint } from '../../store/index.ts';
import { authorize, confinedMode, requireMode, seesMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant } from '../tenants/manage.ts';
import { checkTargetUrl } from './target.ts';

/** Longest time the previous secret may keep signing after a rotation: 30 days. */
export const MAX_SECRET_GRACE_SECONDS = 30 * 86_400;
export const DEFAULT_SECRET_GRACE_SECONDS = 86_400;

export interface CreateEndpointInput {
  url: string;
  events: string[];
  /** Default: the caller's own mode when it is confined to one, else live. */
  mode?: Mode | undefined;
  description?: string | undefined;
}

export interface UpdateEndpointInput {
  url?: string | undefined;
  events?: string[] | undefined;
  description?: string | undefined;
  disabled?: boolean | undefined;
}

export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  /** The `whsec_…` signing secret. It leaves the server in this one response; the store keeps it sealed. */
  secret: string;
}

function endpointNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'webhook endpoint not found');
}

/** Each filter is a catalogued type, a prefix pattern that some catalogued type matches, or `*`. */
function checkEventFilters(context: ServiceContext, filters: readonly string[]): string[] {
  const types = [...context.webhooks.settings.catalogue.keys()];
  filters.forEach((filter, index) => {
    const known = EVENT_FILTER_PATTERN.test(filter) && types.some((type) => filterMatches(filter, type));
    if (!known) {
      throw new PortcullisError('validation_failed', `"${filter}" is not an event type or pattern`, {
        extensions: { field: `events.${index}` },
      });
    }
  });
  return [...new Set(filters)];
}

/** The endpoint, if the principal may see it: another mode's is as absent as another tenant's. */
export async function visibleEndpoint(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
): Promise<WebhookEndpoint> {
  const endpoint = await context.store.webhookEndpoints.get(tenantId, endpointId);
  if (!endpoint || !seesMode(principal, endpoint.mode)) throw endpointNotFound();
  return endpoint;
}

export async function createEndpoint(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: CreateEndpointInput,
): Promise<EndpointWithSecret> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const mode = input.mode ?? confinedMode(principal) ?? 'live';
  requireMode(context, principal, mode);
  await activeTenant(context, tenantId);
  const events = checkEventFilters(context, input.events);
  const url = await checkTargetUrl(input.url, context.webhooks.settings.allowPrivateNetworks);
  const now = context.clock.now();
  const id = newId('webhookEndpoint', context.random);
  const secret = newWebhookSecret(context.random);
  const endpoint: WebhookEndpoint = {
    id,
    tenantId,
    url,
    description: input.description ?? '',
    mode,
    events,
    secretSealed: context.webhooks.sealSecret(id, secret),
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    disabledAt: null,
    disabledReason: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.webhookEndpoints.insert(endpoint);
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'endpoint.created',
      targetType: 'webhook_endpoint',
      targetId: id,
      mode,
      details: { url, events, mode },
    });
  });
  return { endpoint, secret };
}

export interface ListEndpointsQuery extends PageRequest {
  /** Only the endpoints of this mode. */
  mode?: Mode | undefined;
}

/**
 * A tenant's endpoints, newest first: those of `query.mode` when given, within what the principal sees (a
 * test-mode principal asking for live ones gets none).
 */
export async function listEndpoints(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  query: ListEndpointsQuery,
): Promise<Page<WebhookEndpoint>> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks', read: true });
  const confined = confinedMode(principal);
  if (query.mode && confined && query.mode !== confined) return { items: [], nextCursor: null };
  const page = { limit: query.limit, cursor: query.cursor };
  return context.store.webhookEndpoints.list(tenantId, page, query.mode ?? confined);
}

export async function getEndpoint(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
): Promise<WebhookEndpoint> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks', read: true });
  return visibleEndpoint(context, principal, tenantId, endpointId);
}

export async function updateEndpoint(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
  input: UpdateEndpointInput,
): Promise<WebhookEndpoint> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const current = await visibleEndpoint(context, principal, tenantId, endpointId);
  requireMode(context, principal, current.mode);
  const events = input.events === undefined ? undefined : checkEventFilters(context, input.events);
  const url =
    input.url === undefined
      ? undefined
      : await checkTargetUrl(input.url, context.webhooks.settings.allowPrivateNetworks);
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const updated = await unit.webhookEndpoints.update(
      tenantId,
      endpointId,
      { url, events, description: input.description, disabled: input.disabled },
      now,
    );
    if (!updated) throw endpointNotFound();
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'endpoint.updated',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      mode: current.mode,
      details: {
        ...(url === undefined ? {} : { url }),
        ...(events === undefined ? {} : { events }),
        ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
      },
    });
    return updated;
  });
}

export async function deleteEndpoint(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
): Promise<void> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const current = await visibleEndpoint(context, principal, tenantId, endpointId);
  requireMode(context, principal, current.mode);
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    if (!(await unit.webhookEndpoints.delete(tenantId, endpointId))) throw endpointNotFound();
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'endpoint.deleted',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      mode: current.mode,
    });
  });
}

/**
 * A new signing secret, returned once. For `gracePeriodSeconds` (default 24 h) the previous one signs too:
 * every delivery carries both signatures, so a receiver can switch secrets without dropping one.
 */
export async function rotateEndpointSecret(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
  gracePeriodSeconds: number = DEFAULT_SECRET_GRACE_SECONDS,
): Promise<EndpointWithSecret> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const current = await visibleEndpoint(context, principal, tenantId, endpointId);
  requireMode(context, principal, current.mode);
  const now = context.clock.now();
  const secret = newWebhookSecret(context.random);
  const sealed = context.webhooks.sealSecret(endpointId, secret);
  const previous =
    gracePeriodSeconds > 0
      ? { sealed: current.secretSealed, expiresAt: now + gracePeriodSeconds * 1000 }
      : null;
  await context.store.unitOfWork(async (unit) => {
    if (!(await unit.webhookEndpoints.rotateSecret(tenantId, endpointId, sealed, previous, now))) {
      throw endpointNotFound();
    }
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'endpoint.secret_rotated',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      mode: current.mode,
      details: { gracePeriodSeconds },
    });
  });
  return {
    endpoint: {
      ...current,
      secretSealed: sealed,
      previousSecretSealed: previous?.sealed ?? null,
      previousSecretExpiresAt: previous?.expiresAt ?? null,
      updatedAt: now,
    },
    secret,
  };
}
