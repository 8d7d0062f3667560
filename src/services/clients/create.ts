import { MAX_CLIENT_EXPIRY_DAYS } from '../../core/client-status.ts';
import { generateCredential, type Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import type { Client, ClientSecret } from '../../store/index.ts';
import { authorize, confinedMode, requireGrantable, requireMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { appNotFound } from '../apps/manage.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { checkClientScopes } from '../scopes/grantable.ts';
import { activeTenant } from '../tenants/manage.ts';

const DAY_MS = 86_400_000;

export interface CreateClientInput {
  name: string;
  /** Default: the caller's own mode when it is confined to one, else live. */
  mode?: Mode | undefined;
  scopes: string[];
  appId?: string | undefined;
  expiresInDays?: number | undefined;
}

/** A client together with a secret in plaintext: the create and rotate answers. */
export interface ClientWithSecret {
  client: Client;
  /** The plaintext `client_secret`. It leaves the server in this one response and is never stored. */
  clientSecret: string;
}

/** A created client: with its secret, or none for a public app's client (PKCE alone, OAuth 2.1 §2.1). */
export interface CreatedClient {
  client: Client;
  clientSecret: string | null;
}

/** A fresh client secret and its stored form, hashed under the current pepper. */
export function newClientSecret(
  context: ServiceContext,
  mode: Mode,
  now: number,
): { plaintext: string; stored: ClientSecret } {
  const plaintext = generateCredential(context.model.prefixes.clientSecret, mode, context.random);
  return {
    plaintext,
    stored: {
      secretHash: context.peppers.hashCurrent(plaintext),
      pepperVersion: context.peppers.current.version,
      createdAt: now,
      expiresAt: null,
    },
  };
}

/**
 * Creates an API client (seed 002): a `client_id` and a `client_secret` shown once. Scopes are checked
 * against the vocabulary and the tenant's plan, or are built-in management permissions, which a tenant
 * credential can hand out only when it holds them itself.
 */
export async function createClient(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: CreateClientInput,
): Promise<CreatedClient> {
  authorize(context, principal, { tenantId, permission: 'manage:clients' });
  const mode = input.mode ?? confinedMode(principal) ?? 'live';
  requireMode(context, principal, mode);
  requireGrantable(context, principal, tenantId, input.scopes.filter(isManagementPermission));
  const tenant = await activeTenant(context, tenantId);
  if (input.scopes.length === 0) {
    throw new PortcullisError('validation_failed', 'a client needs at least one scope', {
      extensions: { field: 'scopes' },
    });
  }
  checkClientScopes(context, tenant.planId, input.scopes);
  const days = input.expiresInDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_CLIENT_EXPIRY_DAYS)) {
    throw new PortcullisError('validation_failed', `expiresInDays must be 1 to ${MAX_CLIENT_EXPIRY_DAYS}`, {
      extensions: { field: 'expiresInDays' },
    });
  }
  let publicClient = false;
  let keyClient = false;
  if (input.appId !== undefined) {
    const app = await context.store.apps.get(tenantId, input.appId);
    if (!app) throw appNotFound();
    // A public app's clients authenticate with PKCE alone (OAuth 2.1 §2.1): a secret would be a lie. They
    // serve the authorization-code flow only, so they cannot hold management permissions.
    publicClient = app.type !== 'confidential';
    // An app with registered keys: its clients sign `private_key_jwt` assertions, and hold no secret (decision 035).
    keyClient = !publicClient && (app.jwks !== null || app.jwksUri !== null);
    if (publicClient && input.scopes.some(isManagementPermission)) {
      throw new PortcullisError(
        'validation_failed',
        "a public app's client cannot hold management permissions",
        {
          extensions: { field: 'scopes' },
        },
      );
    }
  }
  const now = context.clock.now();
  const client: Client = {
    id: newId('client', context.random),
    tenantId,
    appId: input.appId ?? null,
    name: input.name,
    mode,
    scopes: [...new Set(input.scopes)],
    status: 'active',
    expiresAt: days === undefined ? null : now + days * DAY_MS,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const secret = publicClient || keyClient ? undefined : newClientSecret(context, client.mode, now);
  await context.store.unitOfWork(async (unit) => {
    const result = await unit.clients.insert(client, secret?.stored);
    if (!result.inserted) throw appNotFound();
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'client.created',
      targetType: 'client',
      targetId: client.id,
      mode: client.mode,
      details: {
        name: client.name,
        mode: client.mode,
        appId: client.appId,
        scopes: client.scopes,
        expiresAt: client.expiresAt,
        ...(publicClient ? { public: true } : {}),
        ...(keyClient ? { authMethod: 'private_key_jwt' } : {}),
      },
    });
  });
  return { client, clientSecret: secret?.plaintext ?? null };
}
