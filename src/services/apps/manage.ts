import { type AppUrls, firstAppUrlProblem } from '../../core/app-urls.ts';
import type { ClientJwks } from '../../core/client-jwks.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { App, AppChanges, Page, PageRequest } from '../../store/index.ts';
import { authorize, requireMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import { checkUsableClientJwks } from '../clients/client-assertion.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant, tenantOrNotFound } from '../tenants/manage.ts';

export interface CreateAppInput {
  name: string;
  type: App['type'];
  allowedOrigins?: string[] | undefined;
  redirectUris?: string[] | undefined;
  logoUrl?: string | undefined;
  homepageUrl?: string | undefined;
  /** Public keys for `private_key_jwt` (decision 035): a confidential app's clients then hold no secret. */
  jwks?: unknown;
}

/** The schema checks these too; the service checks again so no caller can store a bad URL. */
function checkUrls(urls: AppUrls): void {
  const problem = firstAppUrlProblem(urls);
  if (problem) {
    throw new PortcullisError('validation_failed', `${problem.field}: ${problem.message}`, {
      extensions: { field: problem.field },
    });
  }
}

/**
 * The key set checked again by the service (the route's schema checks it too): only a confidential app may hold
 * keys, every key must be public and of an accepted kind.
 */
async function checkJwks(appType: App['type'], jwks: unknown): Promise<ClientJwks | null | undefined> {
  if (jwks === undefined || jwks === null) return jwks;
  if (appType !== 'confidential') {
    throw new PortcullisError('validation_failed', "jwks: a public app's clients hold no keys", {
      extensions: { field: 'jwks' },
    });
  }
  const checked = await checkUsableClientJwks(jwks);
  if (!checked.ok) {
    throw new PortcullisError('validation_failed', checked.message, { extensions: { field: 'jwks' } });
  }
  return checked.jwks;
}

const unique = (values: readonly string[] | undefined): string[] | undefined =>
  values === undefined ? undefined : [...new Set(values)];

export async function createApp(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: CreateAppInput,
): Promise<App> {
  authorize(context, principal, { tenantId, permission: 'manage:apps' });
  // An app serves both modes: a test-mode credential may read it, not change it.
  requireMode(context, principal, null);
  await activeTenant(context, tenantId);
  checkUrls(input);
  const jwks = (await checkJwks(input.type, input.jwks)) ?? null;
  const now = context.clock.now();
  const app: App = {
    id: newId('app', context.random),
    tenantId,
    name: input.name,
    type: input.type,
    allowedOrigins: unique(input.allowedOrigins) ?? [],
    redirectUris: unique(input.redirectUris) ?? [],
    logoUrl: input.logoUrl ?? null,
    homepageUrl: input.homepageUrl ?? null,
    visibility: 'private',
    registeredVia: 'management',
    jwks,
    jwksUri: null,
    createdAt: now,
    updatedAt: now,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.apps.insert(app);
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'app.created',
      targetType: 'app',
      targetId: app.id,
      details: { name: app.name, type: app.type, ...(jwks ? { authMethod: 'private_key_jwt' } : {}) },
    });
  });
  return app;
}

async function appOrNotFound(context: ServiceContext, tenantId: string, appId: string): Promise<App> {
  const app = await context.store.apps.get(tenantId, appId);
  if (!app) throw new PortcullisError('not_found', 'app not found');
  return app;
}

export async function getApp(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  appId: string,
): Promise<App> {
  authorize(context, principal, { tenantId, permission: 'manage:apps', read: true });
  return appOrNotFound(context, tenantId, appId);
}

/** Newest first; 404 for a tenant that does not exist. */
export async function listApps(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
): Promise<Page<App>> {
  authorize(context, principal, { tenantId, permission: 'manage:apps', read: true });
  await tenantOrNotFound(context, tenantId);
  return context.store.apps.list(tenantId, page);
}

/** Changes the given fields; `null` clears the logo or homepage. Logs which fields changed. */
export async function updateApp(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  appId: string,
  changes: Omit<AppChanges, 'jwks' | 'type'> & { jwks?: unknown },
): Promise<App> {
  authorize(context, principal, { tenantId, permission: 'manage:apps' });
  // Making an app installable by every tenant is the platform's call, never a tenant's (decision 031).
  if (changes.visibility !== undefined) authorize(context, principal, { platform: 'manage' });
  // An app serves both modes: a test-mode credential may read it, not change it.
  requireMode(context, principal, null);
  checkUrls(changes);
  const before = await appOrNotFound(context, tenantId, appId);
  const normalized: AppChanges = {
    ...changes,
    jwks: await checkJwks(before.type, changes.jwks),
    allowedOrigins: unique(changes.allowedOrigins),
    redirectUris: unique(changes.redirectUris),
  };
  const fields = (Object.keys(normalized) as (keyof AppChanges)[]).filter(
    (field) =>
      normalized[field] !== undefined && JSON.stringify(normalized[field]) !== JSON.stringify(before[field]),
  );
  if (fields.length === 0) return before;
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const after = await unit.apps.update(tenantId, appId, normalized, now);
    if (!after) throw new PortcullisError('not_found', 'app not found');
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'app.updated',
      targetType: 'app',
      targetId: appId,
      details: { fields },
    });
    return after;
  });
}

/** Deletes an app; 409 while a client that is not deleted still belongs to it. */
export async function deleteApp(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  appId: string,
): Promise<void> {
  authorize(context, principal, { tenantId, permission: 'manage:apps' });
  // An app serves both modes: a test-mode credential may read it, not change it.
  requireMode(context, principal, null);
  const before = await appOrNotFound(context, tenantId, appId);
  await context.store.unitOfWork(async (unit) => {
    const result = await unit.apps.delete(tenantId, appId);
    if (result === 'not_found') throw new PortcullisError('not_found', 'app not found');
    if (result === 'has_clients') {
      throw new PortcullisError('conflict', 'the app still has clients; delete them first');
    }
    await recordActivity(unit, actorOf(principal), context.clock.now(), {
      tenantId,
      action: 'app.deleted',
      targetType: 'app',
      targetId: appId,
      details: { name: before.name },
    });
  });
}

/** An `appId` given with a client or key that names no app of its tenant. */
export function appNotFound(): PortcullisError {
  return new PortcullisError('validation_failed', 'appId does not name an app of this tenant', {
    extensions: { field: 'appId' },
  });
}
