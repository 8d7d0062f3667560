import { MAX_CLIENT_EXPIRY_DAYS } from '../../core/client-status.ts';
import { generateCredential, type Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Client, ClientSecret } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import { checkClientScopes } from '../scopes/grantable.ts';
import { getTenant } from '../tenants/manage.ts';

const DAY_MS = 86_400_000;

export interface CreateClientInput {
  name: string;
  mode: Mode;
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
 * against the vocabulary and the tenant's plan, or are built-in management permissions.
 */
export async function createClient(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  input: CreateClientInput,
): Promise<ClientWithSecret> {
  const tenant = await getTenant(context, tenantId);
  if (tenant.status === 'suspended') throw new PortcullisError('tenant_suspended', 'the tenant is suspended');
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
  if (input.appId !== undefined) {
    const app = await context.store.apps.get(tenantId, input.appId);
    if (!app) throw appNotFound();
    // A public app's clients authenticate with PKCE alone (OAuth 2.1 §2.1): a secret would be a lie.
    if (app.type !== 'confidential') {
      throw new PortcullisError(
        'validation_failed',
        'only a confidential app can have clients with secrets',
        {
          extensions: { field: 'appId' },
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
    mode: input.mode,
    scopes: [...new Set(input.scopes)],
    status: 'active',
    expiresAt: days === undefined ? null : now + days * DAY_MS,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const secret = newClientSecret(context, client.mode, now);
  const result = await context.store.clients.insert(client, secret.stored);
  if (!result.inserted) throw appNotFound();
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'client.created',
    targetType: 'client',
    targetId: client.id,
    details: {
      name: client.name,
      mode: client.mode,
      appId: client.appId,
      scopes: client.scopes,
      expiresAt: client.expiresAt,
    },
  });
  return { client, clientSecret: secret.plaintext };
}

function appNotFound(): PortcullisError {
  return new PortcullisError('validation_failed', 'appId does not name an app of this tenant', {
    extensions: { field: 'appId' },
  });
}
